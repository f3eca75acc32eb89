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

/** A period's intake per place (the community, or the sub-district where none is known) and category, per category
 * and per source. */
export type PeriodCounts = { places: Map<string, number>; byCategory: Map<string, number>; bySource: Map<string, number> };
/** The key of a place and category in PeriodCounts.places. */
export const placeKey = (place: string, category: string) => `${place}\u0000${category}`;
export const placeOfKey = (key: string) => key.split('\u0000') as [place: string, category: string];

type CountGroup = { place: string; category: string; source: string; n: number };

function countsOf(groups: CountGroup[]): PeriodCounts {
  const c: PeriodCounts = { places: new Map(), byCategory: new Map(), bySource: new Map() };
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const g of groups) {
    add(c.places, placeKey(g.place, g.category), g.n);
    add(c.byCategory, g.category, g.n);
    add(c.bySource, g.source, g.n);
  }
  return c;
}

const PLACE = sql`coalesce(t.community_code, t.sub_district_code)`;
const CROSS = sql`(t.cross_region + t.cross_level + t.cross_department) > 0`;
const inRange = (r: Instants) => sql`t.received_at >= ${r.fromMs} and t.received_at < ${r.toMs}`;

/** A comparison period's counts: one scan of its tickets. */
export async function periodCounts(db: Db, r: Instants): Promise<PeriodCounts> {
  const rows = (await sql<CountGroup>`
    select ${PLACE} as place, t.category as category, t.source as source, count(*) as n from tickets t where ${inRange(r)}
    group by place, t.category, t.source`.execute(db)).rows;
  return countsOf(rows.map((x) => ({ ...x, n: Number(x.n) })));
}

export type UnitSums = { unit: string; intake: number; done: number; onTime: number; rated: number; satisfied: number; returns: number; overdueOpen: number };
export type HardCounts = { difficult: number; difficultDone: number; cross: number; crossDone: number };
/** The reported period's figures from its tickets. */
export type TicketFigures = {
  counts: PeriodCounts;
  /** Per handling unit ('' where none is set yet): the KPI contributions of its tickets received in the period, and
   * those still unresolved past their deadline at `asOf`. */
  units: UnitSums[];
  /** Per sub-district: tickets received in the period still unresolved past their deadline at `asOf`. */
  overdueOpenBySubDistrict: Map<string, number>;
  /** 疑难 and 三跨 tickets received in the period, and how many of them are resolved. */
  hard: HardCounts;
};

type FigureGroup = CountGroup & { unit: string; sub: string } & Omit<UnitSums, 'unit' | 'intake'> & HardCounts;
const FIGURE_FIELDS = ['n', 'done', 'onTime', 'rated', 'satisfied', 'returns', 'overdueOpen', 'difficult', 'difficultDone', 'cross', 'crossDone'] as const;

/** The reported period's counts, units, overdue tickets and hard tickets: one scan of its tickets, grouped by
 * everything they are counted by (a scan per figure cost a quarter of a second each at a million tickets). */
export async function ticketFigures(db: Db, r: Instants, asOf: number): Promise<TicketFigures> {
  const groups = (await sql<FigureGroup>`
    select place, category, source, unit, sub_district_code as sub, count(*) as n, sum(done) as done, sum(on_time) as onTime, sum(rated) as rated,
      sum(satisfied) as satisfied, sum(returns) as returns, sum(overdue_open) as overdueOpen, sum(difficult) as difficult,
      sum(difficult_done) as difficultDone, sum(crossed) as cross, sum(cross_done) as crossDone
    from (select ${PLACE} as place, t.source as source, coalesce(t.handling_unit, '') as unit, ${sql.raw(kpiContribution('t'))},
            (${UNRESOLVED} and t.deadline_at < ${asOf}) as overdue_open,
            t.whistle_level = 'difficult' as difficult, (t.whistle_level = 'difficult' and not ${UNRESOLVED}) as difficult_done,
            ${CROSS} as crossed, (${CROSS} and not ${UNRESOLVED}) as cross_done
          from tickets t where ${inRange(r)})
    group by place, category, source, unit, sub`.execute(db)).rows.map((g) => {
    const out = { ...g };
    for (const f of FIGURE_FIELDS) out[f] = Number(g[f]);
    return out;
  });
  const units = new Map<string, UnitSums>();
  const overdue = new Map<string, number>();
  const hard: HardCounts = { difficult: 0, difficultDone: 0, cross: 0, crossDone: 0 };
  for (const g of groups) {
    const u = units.get(g.unit) ?? { unit: g.unit, intake: 0, done: 0, onTime: 0, rated: 0, satisfied: 0, returns: 0, overdueOpen: 0 };
    u.intake += g.n;
    u.done += g.done;
    u.onTime += g.onTime;
    u.rated += g.rated;
    u.satisfied += g.satisfied;
    u.returns += g.returns;
    u.overdueOpen += g.overdueOpen;
    units.set(g.unit, u);
    if (g.overdueOpen) overdue.set(g.sub, (overdue.get(g.sub) ?? 0) + g.overdueOpen);
    hard.difficult += g.difficult;
    hard.difficultDone += g.difficultDone;
    hard.cross += g.cross;
    hard.crossDone += g.crossDone;
  }
  return { counts: countsOf(groups), units: [...units.values()], overdueOpenBySubDistrict: overdue, hard };
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

/** The period's tickets a report names one by one: those returned at least once (with their timelines) and the
 * 疑难 or 三跨 ones still unresolved (the `hardShown` longest overdue first). One scan. */
export async function notableTickets(db: Db, r: Instants, hardShown = 30): Promise<{ returned: { ticketNo: string; timeline: TimelineEntry[] }[]; hardOpen: ExampleRow[] }> {
  const rows = (await sql<ExampleRow & { timeline: string | null; hardOpen: number; deadlineAt: number }>`
    select ${EXAMPLE}, case when t.return_count > 0 then t.timeline end as timeline, ((t.whistle_level = 'difficult' or ${CROSS}) and ${UNRESOLVED}) as hardOpen,
      t.deadline_at as deadlineAt
    from tickets t where ${inRange(r)} and (t.return_count > 0 or ((t.whistle_level = 'difficult' or ${CROSS}) and ${UNRESOLVED}))`.execute(db)).rows;
  const returned = rows.filter((x) => x.timeline !== null).map((x) => ({ ticketNo: x.ticketNo, timeline: JSON.parse(x.timeline!) as TimelineEntry[] }));
  const hardOpen = rows
    .filter((x) => Number(x.hardOpen) === 1)
    .sort((a, b) => a.deadlineAt - b.deadlineAt || a.ticketNo.localeCompare(b.ticketNo))
    .slice(0, hardShown)
    .map((x) => ({ ticketNo: x.ticketNo, summary: x.summary, subDistrictCode: x.subDistrictCode, category: x.category, status: x.status }));
  return { returned, hardOpen };
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
