/**
 * The KPI sums (kpi_day) and the tally (ticket_tally) kept set-based around a bulk write of tickets, instead of
 * row by row by the triggers of 0004 and 0005, which cost the store's thread about a fifth of a full sync.
 *
 * Two ways. When the write brings what its versions add up to (`sumsOf`, worked out by the sync's checker off the
 * store's thread), `withGivenSums` adds those and has the update triggers only take away replaced rows. Otherwise
 * `withSetBasedSums` reads the new rows back: inside the write's transaction, with T the largest rowid before it
 * (an upsert keeps a ticket's rowid; a new ticket gets one above T):
 * - the insert triggers stand aside; the update triggers are replaced by the same triggers narrowed to rows at
 *   or below T — a ticket already stored that the write changes is moved by them exactly as before;
 * - after the write, the contributions of the rows above T (the write's new tickets, as they finally are —
 *   also those it changed again) are added in one statement per table;
 * - the triggers are created again from their own text (as the migrations made them).
 * Other connections never see the triggers changed (DDL is transactional), and a failure rolls it all back.
 * The expressions are the triggers' own, exported by the migrations that made them.
 */
import { CompiledQuery } from 'kysely';
import { LAST_INSTANT_MS, type Ticket } from '../../shared/domain/ticket';
import { beijingDate } from '../../shared/domain/deadlines';
import type { Store } from '../open';
import { largestTicketRowid } from './ticket-indexes';
import { KPI_FIELDS, kpiColumns, kpiTakeAwayTrigger, kpiUpdateTrigger } from '../migrations/0004-kpi-settings';
import { deadlineDay, tallyTakeAwayTrigger, tallyUpdateTrigger } from '../migrations/0005-warnings-tally';

type Db = Pick<Store, 'executeQuery'>;

/** The row triggers that keep the sums on insert and update (delete keeps its trigger). */
const STANDING_ASIDE = ['tickets_kpi_insert', 'tickets_kpi_update', 'tickets_tally_insert', 'tickets_tally_update'];

const ADD_KPI = `insert into kpi_day (day, sub_district_code, category, ${KPI_FIELDS.join(', ')})
  select day, sub_district_code, category, ${KPI_FIELDS.map((f) => `sum(${f})`).join(', ')}
  from (select ${kpiColumns('t')} from tickets t where t.rowid > ?) where true group by day, sub_district_code, category
  on conflict (day, sub_district_code, category) do update set ${KPI_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`;
const ADD_TALLY = `insert into ticket_tally (sub_district_code, status, deadline_day, n)
  select t.sub_district_code, t.status, ${deadlineDay('t')} as d, count(*) from tickets t where t.rowid > ? group by t.sub_district_code, t.status, d
  on conflict (sub_district_code, status, deadline_day) do update set n = n + excluded.n`;

type Q = <R>(text: string, params?: unknown[]) => Promise<{ rows: R[] }>;

/** Swap the standing triggers for `standIns` around `write`, then run `add` and put the triggers back from their
 * own text. Call inside a transaction. */
async function withStandIns(db: Db, standIns: (q: Q, before: number) => Promise<void>, write: () => Promise<void>, add: (q: Q, before: number) => Promise<void>): Promise<void> {
  const q: Q = async <R>(text: string, params: unknown[] = []) => db.executeQuery<R>(CompiledQuery.raw(text, params));
  const triggers = (await q<{ sql: string }>(`select sql from sqlite_master where type = 'trigger' and tbl_name = 'tickets' and name in (${STANDING_ASIDE.map(() => '?').join(',')})`, STANDING_ASIDE)).rows;
  const before = await largestTicketRowid(db);
  for (const name of STANDING_ASIDE) await q(`drop trigger if exists ${name}`);
  await standIns(q, before);
  await write();
  await add(q, before);
  for (const name of ['tickets_kpi_update', 'tickets_tally_update']) await q(`drop trigger ${name}`);
  for (const t of triggers) await q(t.sql);
}

/** Run `write` (tickets inserted or upserted, none deleted) with the sums kept set-based. Call inside a transaction. */
export async function withSetBasedSums(db: Db, write: () => Promise<void>): Promise<void> {
  await withStandIns(
    db,
    async (q, before) => {
      await q(kpiUpdateTrigger(`old.rowid <= ${before}`));
      await q(tallyUpdateTrigger(`old.rowid <= ${before}`));
    },
    write,
    async (q, before) => {
      await q(ADD_KPI, [before]);
      await q(ADD_TALLY, [before]);
    },
  );
}

/**
 * What a set of ticket versions adds to the KPI sums and the tally, as `kpiColumns` and `deadlineDay` (the
 * migrations' SQL) define it, computed where the versions were checked (the sync's checker thread) so that the
 * store's thread only adds a few hundred rows per page. Tested equal to the triggers (ticket-page.test.ts).
 */
export type SumsInput = {
  ticket: Pick<Ticket, 'receivedAt' | 'subDistrictCode' | 'category' | 'status' | 'deadlineAt' | 'satisfaction'>;
  resolvedAt: number | null;
  returnCount: number;
};
/** JSON arrays of rows: kpi `[day, sub-district, category, intake, done, on_time, rated, satisfied, returns]`,
 * tally `[sub-district, status, deadline day, n]`. */
export type EncodedSums = { kpi: string; tally: string };

/** SQLite's `date(ms / 1000 + 28800, 'unixepoch')` of a non-negative whole ms: the Beijing day, or null after
 * 9999-12-31 (where SQLite's dates end; valid tickets stop there too, LAST_INSTANT_MS). */
const sqliteBeijingDay = (ms: number): string | null => (ms <= LAST_INSTANT_MS ? beijingDate(ms) : null);

export function sumsOf(versions: readonly SumsInput[]): EncodedSums {
  const kpi = new Map<string, [string | null, string, string, number, number, number, number, number, number]>();
  const tally = new Map<string, [string, string, string | null, number]>();
  for (const { ticket: t, resolvedAt, returnCount } of versions) {
    const done = t.status === 'resolved' || t.status === 'closed';
    const day = sqliteBeijingDay(t.receivedAt);
    const k = `${day}\u0000${t.subDistrictCode}\u0000${t.category}`;
    let row = kpi.get(k);
    if (!row) kpi.set(k, (row = [day, t.subDistrictCode, t.category, 0, 0, 0, 0, 0, 0]));
    row[3] += 1;
    row[4] += done ? 1 : 0;
    row[5] += done && resolvedAt !== null && resolvedAt <= t.deadlineAt ? 1 : 0;
    row[6] += t.satisfaction !== null ? 1 : 0;
    row[7] += t.satisfaction === 'satisfied' ? 1 : 0;
    row[8] += returnCount;
    const deadline = done ? '' : sqliteBeijingDay(t.deadlineAt);
    const tk = `${t.subDistrictCode}\u0000${t.status}\u0000${deadline}`;
    const n = tally.get(tk);
    if (n) n[3] += 1;
    else tally.set(tk, [t.subDistrictCode, t.status, deadline, 1]);
  }
  return { kpi: JSON.stringify([...kpi.values()]), tally: JSON.stringify([...tally.values()]) };
}

const ADD_GIVEN_KPI = `insert into kpi_day (day, sub_district_code, category, ${KPI_FIELDS.join(', ')})
  select ${['day', 'sub_district_code', 'category', ...KPI_FIELDS].map((_, i) => `s.value ->> ${i}`).join(', ')} from json_each(?) s where true
  on conflict (day, sub_district_code, category) do update set ${KPI_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`;
const ADD_GIVEN_TALLY = `insert into ticket_tally (sub_district_code, status, deadline_day, n)
  select s.value ->> 0, s.value ->> 1, s.value ->> 2, s.value ->> 3 from json_each(?) s where true
  on conflict (sub_district_code, status, deadline_day) do update set n = n + excluded.n`;

/**
 * Run `write` (tickets inserted or upserted, none deleted) whose stored versions add up to `sums` (each version
 * the write stores, also one it replaces again within the write). The update triggers are replaced by ones that
 * only take away the replaced row's contribution, the insert triggers stand aside, then `sums` are added:
 * a ticket stored before as `old` and written as v1 … vk ends at −old −v1 … −v(k−1) + v1 … + vk = vk − old; a new
 * one at vk. Call inside a transaction.
 */
export async function withGivenSums(db: Db, sums: readonly EncodedSums[], write: () => Promise<void>): Promise<void> {
  await withStandIns(
    db,
    async (q) => {
      await q(kpiTakeAwayTrigger());
      await q(tallyTakeAwayTrigger());
    },
    write,
    async (q) => {
      // One statement per table for the whole write (a key in several pages is added up row by row).
      const joined = (texts: string[]) => `[${texts.map((t) => t.slice(1, -1)).filter((t) => t).join(',')}]`;
      await q(ADD_GIVEN_KPI, [joined(sums.map((s) => s.kpi))]);
      await q(ADD_GIVEN_TALLY, [joined(sums.map((s) => s.tally))]);
    },
  );
}
