/**
 * Ticket queries over the store. Writes are batched: one INSERT carries up to a thousand rows, because
 * with sqlite3 the per-call cost dominates (one 500-row insert ≈ 5× the throughput of one-row calls).
 */
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { DUE_SOON_MS, type Ticket, type TicketRecord, type TimelineEntry } from '../../shared/domain/ticket';
import { encodeCursor, type TicketFilter } from '../../shared/domain/ticket-filter';
import type { Schema, TicketsTable } from '../schema';
import type { Store } from '../open';
import { beijingDay, dueSoonCount, overdueBySubDistrict } from './kpi';
import { withGivenSums, withSetBasedSums, type EncodedSums } from './ticket-sums';
import { recordToRow, rowToTicket, rowToTimeline, timelineFacts } from './ticket-row';

type Db = Pick<Store, 'insertInto' | 'selectFrom' | 'updateTable' | 'deleteFrom' | 'executeQuery'>;

const ALL_COLUMNS = Object.keys(
  recordToRow({
    ticket: {
      ticketNo: 'x', source: 'other', receivedAt: 0, callerMasked: '', summary: '', address: '', lng: 0, lat: 0, placement: 'exact', category: 'x',
      subDistrictCode: 'x', communityCode: null, grid: null, whistleLevel: 'routine', cross: { region: false, level: false, department: false },
      handlingUnit: null, leadDepartment: null, coDepartments: [], deadlineAt: 0, status: 'received', satisfaction: null, updatedAt: 0,
    },
    timeline: [],
  }),
) as Exclude<keyof TicketsTable, 'changed_mark'>[];
/** Every column but the timeline: lists never need it. */
export const LIST_COLUMNS = ALL_COLUMNS.filter((c) => c !== 'timeline') as Exclude<keyof TicketsTable, 'timeline'>[];

/** SQLite allows 32,766 bound variables; 28 columns × 1,000 rows stays well inside. */
export const TICKET_ROWS_PER_STATEMENT = 1000;
const upsertSqlByRows = new Map<number, string>();
/** What an upsert of an existing ticket sets: every column, and the write's change mark. */
const UPDATES = [...ALL_COLUMNS.filter((c) => c !== 'ticket_no').map((c) => `"${c}" = excluded."${c}"`), 'changed_mark = excluded.changed_mark'].join(', ');

/** The mark of the latest write (0 for an empty store, or one written before 0009). A write's mark is the
 * latest + 1, taken inside its transaction: writes are serialised, so marks only grow. */
export async function latestChangeMark(db: Pick<Store, 'executeQuery'>): Promise<number> {
  const r = await db.executeQuery<{ m: number | null }>(CompiledQuery.raw('select max(changed_mark) as m from tickets'));
  return Number(r.rows[0]?.m ?? 0);
}

function upsertSql(rows: number): string {
  let text = upsertSqlByRows.get(rows);
  if (!text) {
    const tuple = `(${ALL_COLUMNS.map(() => '?').join(',')},?)`;
    text = `insert into tickets (${ALL_COLUMNS.map((c) => `"${c}"`).join(', ')}, changed_mark) values ${Array(rows).fill(tuple).join(',')} on conflict (ticket_no) do update set ${UPDATES}`;
    upsertSqlByRows.set(rows, text);
  }
  return text;
}

/** Insert or replace tickets (with their timelines) by number, marked `mark` (latestChangeMark + 1). Call inside a
 * transaction to make a batch atomic. */
export async function upsertTickets(db: Db, records: readonly TicketRecord[], mark = 0): Promise<void> {
  for (let i = 0; i < records.length; i += TICKET_ROWS_PER_STATEMENT) {
    const chunk = records.slice(i, i + TICKET_ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const r of chunk) {
      const row = recordToRow(r);
      for (const c of ALL_COLUMNS) params.push(row[c]);
      params.push(mark);
    }
    await db.executeQuery(CompiledQuery.raw(upsertSql(chunk.length), params));
  }
}

/**
 * One change of a page to store: its index in the page's `changes` array, and what is bound from JavaScript
 * rather than read from the text by SQLite (see FROM_JSON).
 */
export type AcceptedChange = { index: number; lng: number | null; lat: number | null; resolvedAt: number | null; returnCount: number };

/**
 * The accepted changes of a page, encoded for the store: one JSON text of rows
 * `[index, lng, lat, resolvedAt, returnCount]`, read by one statement (binding six values a row from
 * JavaScript cost more than storing the row). Coordinates are written with 17 significant digits: SQLite's
 * text-to-real conversion gets about 1 in 2,000 shortest forms ("32.381494") 1 ulp wrong, and none of ten
 * million 17-digit forms (its own tests check that its 17-digit rendering reads back exactly). An unplaced
 * ticket's coordinates are `null`.
 */
export type EncodedAccepted = { rows: number; json: string };

const coordinate = (x: number | null) => (x === null ? 'null' : x.toPrecision(17));

export function encodeAccepted(changes: readonly AcceptedChange[]): EncodedAccepted {
  const rows = changes.map((a) => `[${a.index},${coordinate(a.lng)},${coordinate(a.lat)},${a.resolvedAt ?? 'null'},${a.returnCount}]`);
  return { rows: changes.length, json: `[${rows.join(',')}]` };
}

/**
 * A page of the hub's change feed as the hub sent it (its JSON as UTF-8 bytes, or text), and which of its
 * changes to store — at most one per ticket (the page's check keeps each ticket's last change).
 */
export type TicketPageWrite = {
  json: Uint8Array | string;
  accepted: EncodedAccepted;
  /** What the accepted changes add to the KPI sums and the tally (`sumsOf`), when the checker worked it out. */
  sums?: EncodedSums;
};

/** What a validated change contributes from JavaScript to its page write. */
export function acceptedChange(index: number, { ticket, timeline }: TicketRecord): AcceptedChange {
  const facts = timelineFacts(timeline);
  return { index, lng: ticket.lng, lat: ticket.lat, resolvedAt: facts.resolved_at, returnCount: facts.return_count };
}

/** The ticket's columns read by SQLite from one change of a page (jsonb_each over `$.changes`). */
const FROM_JSON: Record<(typeof ALL_COLUMNS)[number], string> = {
  ticket_no: `c.value ->> '$.ticket.ticketNo'`,
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
/** No ORDER BY: each ticket appears at most once in a page's accepted changes, so the order is immaterial (a
 * sort would copy every row into a temporary tree). Pages are written in order: a later page's change wins. */
const PAGE_UPSERT_SQL = `insert into tickets (${ALL_COLUMNS.map((c) => `"${c}"`).join(', ')}, changed_mark)
  select ${ALL_COLUMNS.map((c) => FROM_JSON[c]).join(', ')}, ?
  from jsonb_each(cast(? as text), '$.changes') c cross join temp.sync_accepted a on a.page = ? and a.idx = c.key
  where true
  on conflict (ticket_no) do update set ${UPDATES}`;
/** From this many rows a page write keeps the KPI sums and tally set-based (db/queries/ticket-sums.ts). */
export const SET_BASED_FROM = 500;

/**
 * Store the accepted changes of pages straight from the hub's JSON: SQLite reads most columns, so the
 * JavaScript thread does not build and bind 24 values per ticket. The caller has validated every accepted
 * change (`checkPage`). Each statement is a round trip through the JavaScript thread, so there are few: two per
 * page. Call inside a transaction.
 */
export async function upsertTicketPages(db: Db, pages: readonly TicketPageWrite[], mark = 0): Promise<void> {
  const rows = pages.reduce((n, p) => n + p.accepted.rows, 0);
  if (!rows) return;
  await db.executeQuery(
    CompiledQuery.raw(
      'create temp table if not exists sync_accepted (page integer not null, idx integer not null, lng real, lat real, resolved_at integer, return_count integer not null, primary key (page, idx)) without rowid',
    ),
  );
  await db.executeQuery(CompiledQuery.raw('delete from temp.sync_accepted'));
  for (let p = 0; p < pages.length; p++) {
    if (!pages[p]!.accepted.rows) continue;
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into temp.sync_accepted select ?, a.value ->> 0, a.value ->> 1, a.value ->> 2, a.value ->> 3, a.value ->> 4 from json_each(?) a`,
        [p, pages[p]!.accepted.json],
      ),
    );
  }
  const writePages = async () => {
    for (let p = 0; p < pages.length; p++) {
      const { json, accepted } = pages[p]!;
      // Bytes are bound as a blob (a view, not a copy) and read as text by the statement.
      const body = typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength);
      if (accepted.rows) await db.executeQuery(CompiledQuery.raw(PAGE_UPSERT_SQL, [mark, body, p]));
    }
  };
  // A handful of rows: the row triggers are cheaper than the set-based statements' fixed cost. A big write adds
  // the sums the checker worked out when every page has them (no pass over the rows it stored), else reads them
  // back from its new rows.
  if (rows < SET_BASED_FROM) await writePages();
  else if (pages.every((p) => p.sums)) await withGivenSums(db, pages.map((p) => p.sums!), writePages);
  else await withSetBasedSums(db, writePages);
}

/** Append one entry to a ticket's timeline (used for local, not-yet-delivered actions). */
export async function appendTimeline(db: Db, ticketNo: string, entry: TimelineEntry): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ timeline: sql`json_insert(timeline, '$[#]', json(${JSON.stringify(entry)}))` })
    .where('ticket_no', '=', ticketNo)
    .execute();
}

export async function getTicket(db: Db, ticketNo: string): Promise<Ticket | undefined> {
  const row = await db.selectFrom('tickets').select(LIST_COLUMNS).where('ticket_no', '=', ticketNo).executeTakeFirst();
  return row && rowToTicket(row);
}

export async function getTimeline(db: Db, ticketNo: string): Promise<TimelineEntry[]> {
  const row = await db.selectFrom('tickets').select('timeline').where('ticket_no', '=', ticketNo).executeTakeFirst();
  return row ? rowToTimeline(row.timeline) : [];
}

export type { TicketFilter };

type Eb = ExpressionBuilder<Schema, 'tickets'>;

function filterExpression(eb: Eb, f: TicketFilter, now: number): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (f.status?.length) and.push(eb('status', 'in', f.status));
  if (f.subDistrictCode?.length) and.push(eb('sub_district_code', 'in', f.subDistrictCode));
  if (f.whistleLevel?.length) and.push(eb('whistle_level', 'in', f.whistleLevel));
  if (f.category?.length) and.push(eb('category', 'in', f.category));
  if (f.source?.length) and.push(eb('source', 'in', f.source));
  if (f.crossOnly) and.push(eb.or([eb('cross_region', '=', 1), eb('cross_level', '=', 1), eb('cross_department', '=', 1)]));
  if (f.openOnly || f.overdueOnly || f.dueSoonOnly) and.push(eb('status', '<>', 'closed'));
  // Overdue: unresolved and past the deadline (the literal status <> 'closed' above lets SQLite use the partial index).
  if (f.overdueOnly) and.push(eb('status', '<>', 'resolved'), eb('deadline_at', '<', now));
  if (f.dueSoonOnly) and.push(eb('status', '<>', 'resolved'), eb('deadline_at', '>=', now), eb('deadline_at', '<', now + DUE_SOON_MS));
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    and.push(
      eb.or([
        sql<SqlBool>`${eb.ref('ticket_no')} like ${like} escape '\\'`,
        sql<SqlBool>`${eb.ref('summary')} like ${like} escape '\\'`,
        sql<SqlBool>`${eb.ref('address')} like ${like} escape '\\'`,
      ]),
    );
  }
  return eb.and(and);
}

/** Keyset cursor over (received_at desc, ticket_no desc): stable while new tickets arrive (encodeCursor in shared/). */
export function decodeCursor(cursor: string): { receivedAt: number; ticketNo: string } | undefined {
  const m = /^(\d{1,16}):(.+)$/.exec(cursor);
  return m ? { receivedAt: Number(m[1]), ticketNo: m[2]! } : undefined;
}

export async function listTickets(
  db: Db,
  filter: TicketFilter,
  page: { limit: number; cursor?: { receivedAt: number; ticketNo: string } },
  now: number,
): Promise<{ items: Ticket[]; total: number; nextCursor: string | null }> {
  const cursor = page.cursor;
  const rows = await db
    .selectFrom('tickets')
    .select(LIST_COLUMNS)
    .where((eb) => filterExpression(eb, filter, now))
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([eb('received_at', '<', cursor!.receivedAt), eb.and([eb('received_at', '=', cursor!.receivedAt), eb('ticket_no', '<', cursor!.ticketNo)])]),
      ),
    )
    .orderBy('received_at', 'desc')
    .orderBy('ticket_no', 'desc')
    .limit(page.limit + 1)
    .execute();
  const { total } = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => filterExpression(eb, filter, now))
    .executeTakeFirstOrThrow();
  const items = rows.slice(0, page.limit).map(rowToTicket);
  const nextCursor = rows.length > page.limit ? encodeCursor(items[items.length - 1]!) : null;
  return { items, total: Number(total), nextCursor };
}

export type TicketCountsRow = {
  total: number;
  open: number;
  overdue: number;
  /** Unresolved, due within the next 24 hours. */
  dueSoon: number;
  /** Received since 00:00 Beijing today. */
  receivedToday: number;
  byStatus: Record<string, number>;
  bySubDistrict: { code: string; open: number; total: number }[];
};

export async function countTickets(db: Db, now: number): Promise<TicketCountsRow> {
  // Totals come from the tally the triggers keep (0005); overdue from its deadline days and today's index range.
  const tally = await db
    .selectFrom('ticket_tally')
    .select(['sub_district_code', 'status', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy(['sub_district_code', 'status'])
    .having((eb) => eb.fn.sum('n'), '<>', 0)
    .execute();
  const overdueBy = await overdueBySubDistrict(db as unknown as Parameters<typeof overdueBySubDistrict>[0], now);
  const dueSoon = await dueSoonCount(db as unknown as Parameters<typeof overdueBySubDistrict>[0], now);
  const today = await sql<{ n: number }>`select coalesce(sum(intake), 0) as n from kpi_day where day = ${beijingDay(now)}`.execute(db as unknown as Parameters<typeof overdueBySubDistrict>[0]);
  const statusMap: Record<string, number> = {};
  const subs = new Map<string, { code: string; total: number; open: number }>();
  for (const r of tally) {
    const n = Number(r.n);
    statusMap[r.status] = (statusMap[r.status] ?? 0) + n;
    const s = subs.get(r.sub_district_code) ?? { code: r.sub_district_code, total: 0, open: 0 };
    s.total += n;
    if (r.status !== 'closed') s.open += n;
    subs.set(r.sub_district_code, s);
  }
  const total = Object.values(statusMap).reduce((a, n) => a + n, 0);
  return {
    total,
    open: total - (statusMap.closed ?? 0),
    overdue: [...overdueBy.values()].reduce((a, n) => a + n, 0),
    dueSoon,
    receivedToday: Number(today.rows[0]?.n ?? 0),
    byStatus: statusMap,
    bySubDistrict: [...subs.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
}
