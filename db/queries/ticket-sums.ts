/**
 * What a stored ticket contributes to the KPI sums (kpi_day) and to the tally (ticket_tally) — the one definition,
 * applied by the ticket writer (ticket-write.ts) around every write, whatever brought the tickets:
 * the contributions of the stored versions a write replaces are taken away before it, those of the versions it
 * stored added after it, each one statement per table (set-based: a write of 100,000 tickets costs a few grouped
 * statements, a write of one ticket four small ones).
 *
 * - kpi_day, per receipt day (Beijing), sub-district and category: intake; 办结 (resolved or closed); on time
 *   (办结 with the resolution at or before the deadline); rated call-backs; rated 满意 (基本满意 does not count);
 *   returns (退单).
 * - ticket_tally, per sub-district, status and — while unresolved — the Beijing day of the deadline ('' once
 *   resolved or closed: its deadline no longer counts).
 *
 * These are the rules migrations 0004 and 0005 wrote into their triggers (the migrations keep their own text;
 * 0014 dropped the triggers). A change to a rule is made here, with a migration that recomputes the sums.
 */
import { CompiledQuery } from 'kysely';

type Db = { executeQuery: <R>(q: CompiledQuery<R>) => Promise<{ rows: R[] }> };

export const KPI_FIELDS = ['intake', 'done', 'on_time', 'rated', 'satisfied', 'returns'] as const;

/** The KPI key and fields of one ticket row `t` (a table alias). Dates end at 9999-12-31 (SQLite's). */
export function kpiContribution(t: string): string {
  return `date(${t}.received_at / 1000 + 28800, 'unixepoch') as day, ${t}.sub_district_code as sub_district_code, ${t}.category as category,
    1 as intake,
    (${t}.status in ('resolved', 'closed')) as done,
    (${t}.status in ('resolved', 'closed') and coalesce(${t}.resolved_at <= ${t}.deadline_at, 0)) as on_time,
    (${t}.satisfaction is not null) as rated,
    coalesce(${t}.satisfaction = 'satisfied', 0) as satisfied,
    ${t}.return_count as returns`;
}

/** The tally's deadline day of ticket row `t`. */
export const deadlineDay = (t: string) => `case when ${t}.status in ('resolved', 'closed') then '' else date(${t}.deadline_at / 1000 + 28800, 'unixepoch') end`;

/** Which stored tickets a move of the sums covers: a condition on `t`, with its parameters. */
export type TicketsWhere = { where: string; params: readonly unknown[] };

const moveKpi = (sign: 1 | -1, where: string) => `insert into kpi_day (day, sub_district_code, category, ${KPI_FIELDS.join(', ')})
  select day, sub_district_code, category, ${KPI_FIELDS.map((f) => `${sign} * sum(${f})`).join(', ')}
  from (select ${kpiContribution('t')} from tickets t where ${where}) where true group by day, sub_district_code, category
  on conflict (day, sub_district_code, category) do update set ${KPI_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`;

const moveTally = (sign: 1 | -1, where: string) => `insert into ticket_tally (sub_district_code, status, deadline_day, n)
  select t.sub_district_code, t.status, ${deadlineDay('t')} as d, ${sign} * count(*) from tickets t where ${where} group by t.sub_district_code, t.status, d
  on conflict (sub_district_code, status, deadline_day) do update set n = n + excluded.n`;

const texts = new Map<string, [string, string]>();

/** Add (1) or take away (-1) the contributions of the stored tickets `which` selects. Call inside the write's transaction. */
export async function moveSums(db: Db, sign: 1 | -1, which: TicketsWhere): Promise<void> {
  const key = `${sign}\u0000${which.where}`;
  let sqlTexts = texts.get(key);
  if (!sqlTexts) texts.set(key, (sqlTexts = [moveKpi(sign, which.where), moveTally(sign, which.where)]));
  await db.executeQuery(CompiledQuery.raw(sqlTexts[0], [...which.params]));
  await db.executeQuery(CompiledQuery.raw(sqlTexts[1], [...which.params]));
}

/** The sums as they should be, from every stored ticket (tests compare the kept sums with this; a migration that
 * changes a rule recomputes with it). */
export const RECOMPUTED_KPI = `select day, sub_district_code, category, ${KPI_FIELDS.map((f) => `sum(${f}) as ${f}`).join(', ')}
  from (select ${kpiContribution('t')} from tickets t) group by day, sub_district_code, category`;
export const RECOMPUTED_TALLY = `select sub_district_code, status, ${deadlineDay('t')} as deadline_day, count(*) as n from tickets t group by 1, 2, 3`;
