/**
 * The figures of a report that the KPI sums (kpi_day) do not hold, read from the tickets received in a period
 * (the receipt-time index): intake by source, the handling units' figures, counts per place and category, 疑难 and
 * 三跨 tickets, returned tickets' timelines, the early warnings raised and the meetings held. A unit's 办结, on time,
 * rated and 满意 are the tickets' KPI contributions (ticket-sums.ts), the definition kpi_day is kept by.
 */
import { sql } from 'kysely';
import type { StoreReader } from '../open';
import { kpiContribution } from './ticket-sums';
import type { TimelineEntry } from '../../shared/domain/ticket';

type Db = Pick<StoreReader, 'selectFrom'> & Parameters<ReturnType<typeof sql>['execute']>[0];
/** Instants [fromMs, toMs): the Beijing days of a period. */
export type Instants = { fromMs: number; toMs: number };

const UNRESOLVED = sql`t.status not in ('resolved', 'closed')`;

export async function intakeBySource(db: Db, r: Instants): Promise<Map<string, number>> {
  const rows = (await sql<{ source: string; n: number }>`
    select source, count(*) as n from tickets where received_at >= ${r.fromMs} and received_at < ${r.toMs} group by source`.execute(db)).rows;
  return new Map(rows.map((x) => [x.source, Number(x.n)]));
}

export type UnitSums = { unit: string; intake: number; done: number; onTime: number; rated: number; satisfied: number; returns: number; overdueOpen: number };

/** Per handling unit ('' where none is set yet): the KPI contributions of its tickets received in the period, and
 * those still unresolved past their deadline at `asOf`. */
export async function unitSums(db: Db, r: Instants, asOf: number): Promise<UnitSums[]> {
  const rows = (await sql<UnitSums>`
    select unit, sum(intake) as intake, sum(done) as done, sum(on_time) as onTime, sum(rated) as rated, sum(satisfied) as satisfied,
      sum(returns) as returns, sum(overdue_open) as overdueOpen
    from (select coalesce(t.handling_unit, '') as unit, ${sql.raw(kpiContribution('t'))}, (${UNRESOLVED} and t.deadline_at < ${asOf}) as overdue_open
          from tickets t where t.received_at >= ${r.fromMs} and t.received_at < ${r.toMs})
    group by unit`.execute(db)).rows;
  return rows.map((x) => ({ unit: x.unit, intake: Number(x.intake), done: Number(x.done), onTime: Number(x.onTime), rated: Number(x.rated), satisfied: Number(x.satisfied), returns: Number(x.returns), overdueOpen: Number(x.overdueOpen) }));
}

/** Per sub-district: tickets received in the period still unresolved past their deadline at `asOf`. */
export async function overdueOpenBySubDistrict(db: Db, r: Instants, asOf: number): Promise<Map<string, number>> {
  const rows = (await sql<{ code: string; n: number }>`
    select sub_district_code as code, count(*) as n from tickets t
    where t.received_at >= ${r.fromMs} and t.received_at < ${r.toMs} and ${UNRESOLVED} and t.deadline_at < ${asOf} group by code`.execute(db)).rows;
  return new Map(rows.map((x) => [x.code, Number(x.n)]));
}

/** Tickets per place (the community, or the sub-district where none is known) and category. */
export async function placeCategoryCounts(db: Db, r: Instants): Promise<{ place: string; category: string; n: number }[]> {
  const rows = (await sql<{ place: string; category: string; n: number }>`
    select coalesce(community_code, sub_district_code) as place, category, count(*) as n from tickets
    where received_at >= ${r.fromMs} and received_at < ${r.toMs} group by place, category`.execute(db)).rows;
  return rows.map((x) => ({ place: x.place, category: x.category, n: Number(x.n) }));
}

export type ExampleRow = { ticketNo: string; summary: string; subDistrictCode: string; category: string; status: string };
const EXAMPLE = sql`ticket_no as ticketNo, summary, sub_district_code as subDistrictCode, category, status`;

/** The newest tickets of a category (at a place) received in the period. */
export async function examples(db: Db, r: Instants, category: string, place: string | null, limit = 3): Promise<ExampleRow[]> {
  const at = place === null ? sql`` : sql`and coalesce(community_code, sub_district_code) = ${place}`;
  return (await sql<ExampleRow>`
    select ${EXAMPLE} from tickets where received_at >= ${r.fromMs} and received_at < ${r.toMs} and category = ${category} ${at}
    order by received_at desc limit ${limit}`.execute(db)).rows;
}

export type HardFigures = { difficult: number; difficultDone: number; cross: number; crossDone: number; open: ExampleRow[] };

/** 疑难 and 三跨 tickets received in the period, how many are resolved, and the unresolved ones (longest overdue first). */
export async function hardFigures(db: Db, r: Instants, limit = 30): Promise<HardFigures> {
  const range = sql`t.received_at >= ${r.fromMs} and t.received_at < ${r.toMs}`;
  const cross = sql`(t.cross_region + t.cross_level + t.cross_department) > 0`;
  const f = (await sql<{ difficult: number; difficultDone: number; cross: number; crossDone: number }>`
    select coalesce(sum(t.whistle_level = 'difficult'), 0) as difficult, coalesce(sum(t.whistle_level = 'difficult' and not ${UNRESOLVED}), 0) as difficultDone,
      coalesce(sum(${cross}), 0) as cross, coalesce(sum(${cross} and not ${UNRESOLVED}), 0) as crossDone
    from tickets t where ${range}`.execute(db)).rows[0];
  const open = (await sql<ExampleRow>`
    select ${EXAMPLE} from tickets t where ${range} and (t.whistle_level = 'difficult' or ${cross}) and ${UNRESOLVED}
    order by t.deadline_at limit ${limit}`.execute(db)).rows;
  return { difficult: Number(f?.difficult ?? 0), difficultDone: Number(f?.difficultDone ?? 0), cross: Number(f?.cross ?? 0), crossDone: Number(f?.crossDone ?? 0), open };
}

/** Timelines of the tickets received in the period that were returned at least once (return_count is kept with
 * each row: a few per cent of the tickets are read). */
export async function returnedTimelines(db: Db, fromMs: number, toMs: number): Promise<{ ticketNo: string; timeline: TimelineEntry[] }[]> {
  const rows = await db.selectFrom('tickets').select(['ticket_no', 'timeline']).where('return_count', '>', 0).where('received_at', '>=', fromMs).where('received_at', '<', toMs).execute();
  return rows.map((x) => ({ ticketNo: x.ticket_no, timeline: JSON.parse(x.timeline) as TimelineEntry[] }));
}

export type WarningRow = { category: string; placeCode: string; count: number; raisedAt: number; acknowledgedAt: number | null; clearedAt: number | null };

/** Early warnings raised in the period, and what became of them. */
export async function warningsRaised(db: Db, r: Instants): Promise<WarningRow[]> {
  const rows = await db
    .selectFrom('warnings')
    .select(['category', 'place_code', 'count', 'raised_at', 'acknowledged_at', 'cleared_at'])
    .where('raised_at', '>=', r.fromMs)
    .where('raised_at', '<', r.toMs)
    .orderBy('count', 'desc')
    .execute();
  return rows.map((x) => ({ category: x.category, placeCode: x.place_code, count: x.count, raisedAt: x.raised_at, acknowledgedAt: x.acknowledged_at, clearedAt: x.cleared_at }));
}

/** Whether the store holds any ticket received in the period (an earlier period without any has no 环比 or 同比). */
export async function anyReceived(db: Db, r: Instants): Promise<boolean> {
  const row = (await sql<{ one: number }>`select 1 as one from tickets where received_at >= ${r.fromMs} and received_at < ${r.toMs} limit 1`.execute(db)).rows[0];
  return row !== undefined;
}

/** Present status of some tickets. */
export async function statusesOf(db: Db, ticketNos: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ticketNos.length; i += 500) {
    const rows = await db.selectFrom('tickets').select(['ticket_no', 'status']).where('ticket_no', 'in', ticketNos.slice(i, i + 500)).execute();
    for (const x of rows) out.set(x.ticket_no, x.status);
  }
  return out;
}
