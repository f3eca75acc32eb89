/**
 * The KPI sums (kpi_day) and the tally (ticket_tally) kept set-based around a bulk write of tickets, instead of
 * row by row by the triggers of 0004 and 0005, which cost the store's thread about a fifth of a full sync.
 *
 * Inside the write's transaction, with T the largest rowid before it (an upsert keeps a ticket's rowid; a new
 * ticket gets one above T):
 * - the insert triggers stand aside; the update triggers are replaced by the same triggers narrowed to rows at
 *   or below T — a ticket already stored that the write changes is moved by them exactly as before;
 * - after the write, the contributions of the rows above T (the write's new tickets, as they finally are —
 *   also those it changed again) are added in one statement per table;
 * - the triggers are created again from their own text (as the migrations made them).
 * Other connections never see the triggers changed (DDL is transactional), and a failure rolls it all back.
 * The expressions are the triggers' own, exported by the migrations that made them.
 */
import { CompiledQuery } from 'kysely';
import type { Store } from '../open';
import { KPI_FIELDS, kpiColumns, kpiUpdateTrigger } from '../migrations/0004-kpi-settings';
import { deadlineDay, tallyUpdateTrigger } from '../migrations/0005-warnings-tally';

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

/** Run `write` (tickets inserted or upserted, none deleted) with the sums kept set-based. Call inside a transaction. */
export async function withSetBasedSums(db: Db, write: () => Promise<void>): Promise<void> {
  const q = <R>(text: string, params: unknown[] = []) => db.executeQuery<R>(CompiledQuery.raw(text, params));
  const triggers = (await q<{ sql: string }>(`select sql from sqlite_master where type = 'trigger' and tbl_name = 'tickets' and name in (${STANDING_ASIDE.map(() => '?').join(',')})`, STANDING_ASIDE)).rows;
  const before = Number((await q<{ t: number }>('select coalesce(max(rowid), 0) as t from tickets')).rows[0]!.t);
  if (!Number.isSafeInteger(before)) throw new Error(`unexpected rowid ${before}`);
  for (const name of STANDING_ASIDE) await q(`drop trigger if exists ${name}`);
  await q(kpiUpdateTrigger(`old.rowid <= ${before}`));
  await q(tallyUpdateTrigger(`old.rowid <= ${before}`));
  await write();
  await q(ADD_KPI, [before]);
  await q(ADD_TALLY, [before]);
  for (const name of ['tickets_kpi_update', 'tickets_tally_update']) await q(`drop trigger ${name}`);
  for (const t of triggers) await q(t.sql);
}
