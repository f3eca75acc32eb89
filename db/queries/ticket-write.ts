/**
 * The one way ticket versions enter the store, whatever brought them — a page pulled from the hub's change feed, a
 * push, an import the hub relays, a test: one statement shape, and the KPI sums and tally kept by their one
 * definition (ticket-sums.ts) in the same transaction.
 *
 * A write is a list of pages in the hub's change-feed form (`{"changes":[{"ticket":…,"timeline":…}, …]}`, as the
 * hub's bytes or text) and, for each, which of its changes to store with what JavaScript worked out for them
 * (`accepted`: at most one change per ticket per page — the check keeps each ticket's last). SQLite reads most
 * columns out of the JSON itself, so the JavaScript thread does not build and bind 24 values per ticket; records
 * at hand are written the same way (`pageOfRecords`). In the write's transaction:
 * 1. the accepted rows go into a temporary table of this connection (temp.ticket_write, made when the store
 *    opened — see db/open.ts),
 * 2. the stored versions the write replaces give back their contributions to the sums,
 * 3. each page's changes are upserted, marked with the write's change mark (the latest + 1),
 * 4. the versions now stored under that mark add theirs (a ticket written twice in one write counts once).
 */
import { CompiledQuery } from 'kysely';
import type { TicketRecord } from '../../shared/domain/ticket';
import type { Store } from '../open';
import { moveSums } from './ticket-sums';
import { TICKET_COLUMNS, timelineFacts } from './ticket-row';

type Db = Pick<Store, 'executeQuery'>;

/**
 * One change of a page to store: its index in the page's `changes` array, its ticket number, and what is bound
 * from JavaScript rather than read from the text by SQLite (see FROM_JSON).
 */
export type AcceptedChange = { index: number; ticketNo: string; lng: number | null; lat: number | null; resolvedAt: number | null; returnCount: number };

/**
 * The accepted changes of a page, encoded for the store: one JSON text of rows
 * `[index, ticketNo, lng, lat, resolvedAt, returnCount]`, read by one statement (binding six values a row from
 * JavaScript cost more than storing the row). Coordinates are written with 17 significant digits: SQLite's
 * text-to-real conversion gets about 1 in 2,000 shortest forms ("32.381494") 1 ulp wrong, and none of ten
 * million 17-digit forms (its own tests check that its 17-digit rendering reads back exactly). An unplaced
 * ticket's coordinates are `null`.
 */
export type EncodedAccepted = { rows: number; json: string };

const coordinate = (x: number | null) => (x === null ? 'null' : x.toPrecision(17));

export function encodeAccepted(changes: readonly AcceptedChange[]): EncodedAccepted {
  const rows = changes.map((a) => `[${a.index},${JSON.stringify(a.ticketNo)},${coordinate(a.lng)},${coordinate(a.lat)},${a.resolvedAt ?? 'null'},${a.returnCount}]`);
  return { rows: changes.length, json: `[${rows.join(',')}]` };
}

/** A page of ticket versions to write (see the file's comment). */
export type TicketPageWrite = { json: Uint8Array | string; accepted: EncodedAccepted };

/** What a validated change contributes from JavaScript to its page write. */
export function acceptedChange(index: number, { ticket, timeline }: TicketRecord): AcceptedChange {
  const facts = timelineFacts(timeline);
  return { index, ticketNo: ticket.ticketNo, lng: ticket.lng, lat: ticket.lat, resolvedAt: facts.resolved_at, returnCount: facts.return_count };
}

/** Records (validated tickets with their timelines) as one page to write; a ticket given twice is stored as its last. */
export function pageOfRecords(records: readonly TicketRecord[]): TicketPageWrite {
  const last = new Map<string, number>();
  records.forEach((r, i) => last.set(r.ticket.ticketNo, i));
  const accepted = [...last.values()].map((i) => acceptedChange(i, records[i]!));
  return { json: JSON.stringify({ changes: records.map(({ ticket, timeline }) => ({ ticket, timeline })) }), accepted: encodeAccepted(accepted) };
}

/** The connection's temporary table of a write's accepted rows (created once per connection, when the store opens). */
export const TICKET_WRITE_TABLE =
  'create temp table if not exists ticket_write (page integer not null, idx integer not null, ticket_no text not null, lng real, lat real, resolved_at integer, return_count integer not null, primary key (page, idx)) without rowid';

/** The ticket's columns read by SQLite from one change of a page (jsonb_each over `$.changes`). */
const FROM_JSON: Record<(typeof TICKET_COLUMNS)[number], string> = {
  ticket_no: `a.ticket_no`,
  source: `c.value ->> '$.ticket.source'`,
  received_at: `c.value ->> '$.ticket.receivedAt'`,
  caller_masked: `c.value ->> '$.ticket.callerMasked'`,
  summary: `c.value ->> '$.ticket.summary'`,
  address: `c.value ->> '$.ticket.address'`,
  // Coordinates are bound from JavaScript: SQLite's text-to-real conversion is not always correctly
  // rounded (about 1 in 12,000 values comes back 1 ulp off), so the store would differ from the hub.
  lng: `a.lng`,
  lat: `a.lat`,
  // A hub's records from before placement existed have none: they are exact (the contract's default).
  placement: `coalesce(c.value ->> '$.ticket.placement', 'exact')`,
  category: `c.value ->> '$.ticket.category'`,
  sub_district_code: `c.value ->> '$.ticket.subDistrictCode'`,
  community_code: `c.value ->> '$.ticket.communityCode'`,
  grid: `c.value ->> '$.ticket.grid'`,
  whistle_level: `c.value ->> '$.ticket.whistleLevel'`,
  cross_region: `c.value ->> '$.ticket.cross.region'`,
  cross_level: `c.value ->> '$.ticket.cross.level'`,
  cross_department: `c.value ->> '$.ticket.cross.department'`,
  handling_unit: `c.value ->> '$.ticket.handlingUnit'`,
  lead_department: `c.value ->> '$.ticket.leadDepartment'`,
  // `->` gives the value's minified JSON text: what the column stores (wrapping it in json() parsed it again).
  co_departments: `c.value -> '$.ticket.coDepartments'`,
  deadline_at: `c.value ->> '$.ticket.deadlineAt'`,
  status: `c.value ->> '$.ticket.status'`,
  satisfaction: `c.value ->> '$.ticket.satisfaction'`,
  updated_at: `c.value ->> '$.ticket.updatedAt'`,
  timeline: `c.value -> '$.timeline'`,
  // Facts of the timeline, bound too: the check has the parsed timeline at hand, while two walks of it in SQL
  // cost the store's thread more than the rest of the row's columns together.
  resolved_at: `a.resolved_at`,
  return_count: `a.return_count`,
};
/** What an upsert of an existing ticket sets: every column, and the write's change mark. */
const UPDATES = [...TICKET_COLUMNS.filter((c) => c !== 'ticket_no').map((c) => `"${c}" = excluded."${c}"`), 'changed_mark = excluded.changed_mark'].join(', ');
/** No ORDER BY: each ticket appears at most once in a page's accepted changes, so the order is immaterial (a
 * sort would copy every row into a temporary tree). Pages are written in order: a later page's change wins. */
const PAGE_UPSERT_SQL = `insert into tickets (${TICKET_COLUMNS.map((c) => `"${c}"`).join(', ')}, changed_mark)
  select ${TICKET_COLUMNS.map((c) => FROM_JSON[c]).join(', ')}, ?
  from jsonb_each(cast(? as text), '$.changes') c cross join temp.ticket_write a on a.page = ? and a.idx = c.key
  where true
  on conflict (ticket_no) do update set ${UPDATES}`;
const ACCEPTED_SQL = `insert into temp.ticket_write select ?, a.value ->> 0, a.value ->> 1, a.value ->> 2, a.value ->> 3, a.value ->> 4, a.value ->> 5 from json_each(?) a`;

/** The mark of the latest write (0 for an empty store, or one written before 0009). A write's mark is the
 * latest + 1, taken inside its transaction: writes are serialised, so marks only grow. */
export async function latestChangeMark(db: Db): Promise<number> {
  const r = await db.executeQuery<{ m: number | null }>(CompiledQuery.raw('select max(changed_mark) as m from tickets'));
  return Number(r.rows[0]?.m ?? 0);
}

const q = (db: Db, text: string, params: unknown[] = []) => db.executeQuery(CompiledQuery.raw(text, params));

/**
 * Write the pages' accepted changes and keep the sums, inside the caller's transaction (it makes the write
 * atomic with whatever else the caller records, e.g. the sync's cursor). The write's change mark is the latest + 1,
 * read in the transaction (the sums' add reads back exactly the rows under it). Returns the mark and the rows.
 */
export async function writeTicketPages(trx: Db, pages: readonly TicketPageWrite[]): Promise<{ mark: number; rows: number }> {
  const rows = pages.reduce((n, p) => n + p.accepted.rows, 0);
  if (!rows) return { mark: await latestChangeMark(trx), rows: 0 };
  const m = (await latestChangeMark(trx)) + 1;
  await q(trx, 'delete from temp.ticket_write');
  for (let p = 0; p < pages.length; p++) if (pages[p]!.accepted.rows) await q(trx, ACCEPTED_SQL, [p, pages[p]!.accepted.json]);
  await moveSums(trx, -1, REPLACED);
  for (let p = 0; p < pages.length; p++) {
    const { json, accepted } = pages[p]!;
    // Bytes are bound as a blob (a view, not a copy) and read as text by the statement.
    const body = typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength);
    if (accepted.rows) await q(trx, PAGE_UPSERT_SQL, [m, body, p]);
  }
  await moveSums(trx, 1, { where: 't.changed_mark = ?', params: [m] });
  return { mark: m, rows };
}

/** The stored versions a write replaces: those of the tickets it names. */
const REPLACED = { where: 't.ticket_no in (select ticket_no from temp.ticket_write)', params: [] } as const;

/** Write records (validated tickets with their timelines) the same way, in the caller's transaction. */
export function writeTicketRecords(trx: Db, records: readonly TicketRecord[]): Promise<{ mark: number; rows: number }> {
  return writeTicketPages(trx, records.length ? [pageOfRecords(records)] : []);
}

/** Records written in a transaction of their own (tests, tools). */
export function upsertTickets(store: Store, records: readonly TicketRecord[]): Promise<{ mark: number; rows: number }> {
  return store.isTransaction ? writeTicketRecords(store, records) : store.transaction().execute((trx) => writeTicketRecords(trx, records));
}
