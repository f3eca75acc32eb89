/**
 * The KPI wall's figures, in SQL over the store: windowed rates from kpi_day (kept by triggers, migration
 * 0004), today's hourly intake and the open/overdue counts from the tickets' indexes. Days are Beijing days.
 */
import { sql } from 'kysely';
import type { Store } from '../open';
import { DUE_SOON_MS } from '../../shared/domain/ticket';
import { everyDayOf, instantsOf, type DayRange } from '../../shared/domain/report-period';

type Db = Pick<Store, 'selectFrom'> & Parameters<ReturnType<typeof sql>['execute']>[0];

const BEIJING_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' of the Beijing day `daysAgo` days before the one containing `now`. */
export const beijingDay = (now: number, daysAgo = 0) => new Date(now + BEIJING_MS - daysAgo * DAY_MS).toISOString().slice(0, 10);
/** Epoch ms of the start (00:00 Beijing) of the day containing `now`. */
export const beijingDayStart = (now: number) => Math.floor((now + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS;

export type KpiSums = { intake: number; done: number; onTime: number; rated: number; satisfied: number; returns: number };
export type KpiRows = {
  today: KpiSums;
  window: KpiSums;
  open: number;
  overdue: number;
  dueSoon: number;
  hourly: number[];
  daily: { day: string; intake: number; done: number }[];
  categories: { category: string; intake: number }[];
  subDistricts: (KpiSums & { code: string; open: number; overdue: number })[];
};

const SUMS = sql`coalesce(sum(intake), 0) as intake, coalesce(sum(done), 0) as done, coalesce(sum(on_time), 0) as onTime,
  coalesce(sum(rated), 0) as rated, coalesce(sum(satisfied), 0) as satisfied, coalesce(sum(returns), 0) as returns`;
type SumsRow = { intake: number; done: number; onTime: number; rated: number; satisfied: number; returns: number };
const sums = (r: SumsRow | undefined): KpiSums => ({
  intake: Number(r?.intake ?? 0), done: Number(r?.done ?? 0), onTime: Number(r?.onTime ?? 0),
  rated: Number(r?.rated ?? 0), satisfied: Number(r?.satisfied ?? 0), returns: Number(r?.returns ?? 0),
});

/** Tickets resolved or closed per Beijing day of their resolution, resolved in [fromMs, toMs) (the resolution-time
 * index, migrations 0011–0012: `+status` keeps the planner on that index rather than the status index). Its cost grows with the tickets resolved in the range: a wall asks it for today only and
 * keeps the earlier days (closures-by-day.ts). */
export async function resolvedByDay(db: Db, fromMs: number, toMs: number): Promise<Map<string, number>> {
  const rows = (await sql<{ day: string; n: number }>`
    select date(resolved_at / 1000 + 28800, 'unixepoch') as day, count(*) as n from tickets
    where resolved_at >= ${fromMs} and resolved_at < ${toMs} and +status in ('resolved', 'closed') group by day`.execute(db)).rows;
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/** Closures per day for the window starting at `fromMs` (00:00 Beijing of its first day) up to `now`. */
export type ClosuresByDay = (db: Db, fromMs: number, now: number) => Promise<Map<string, number>>;
const closuresFromScratch: ClosuresByDay = (db, fromMs, now) => resolvedByDay(db, fromMs, now + DAY_MS);

const NO_SUMS: KpiSums = { intake: 0, done: 0, onTime: 0, rated: 0, satisfied: 0, returns: 0 };
const addUp = (list: KpiSums[]): KpiSums =>
  list.reduce((a, b) => ({ intake: a.intake + b.intake, done: a.done + b.done, onTime: a.onTime + b.onTime, rated: a.rated + b.rated, satisfied: a.satisfied + b.satisfied, returns: a.returns + b.returns }), NO_SUMS);

/**
 * Everything the KPI wall shows: for the window of `days` Beijing days ending today, or for a period of whole days
 * (`period`: its rates, returns, days, categories and ranking; hot categories over the period). Today's figures,
 * open, overdue and due soon are the present state either way.
 */
export async function kpiRows(db: Db, now: number, days = 30, hotCategoryDays = 7, closures: ClosuresByDay = closuresFromScratch, period?: DayRange): Promise<KpiRows> {
  const today = beijingDay(now);
  const from = period?.from ?? beijingDay(now, days - 1);
  const to = period?.to ?? today;
  const hotFrom = period?.from ?? beijingDay(now, hotCategoryDays - 1);
  const dayStart = beijingDayStart(now);

  // One read of the window's sums per day and sub-district (at most days × 16 rows), added up here for today, the
  // window, each day's intake and each sub-district — four scans of kpi_day were a third of a refresh.
  const cells = (await sql<SumsRow & { day: string; code: string }>`
    select day, sub_district_code as code, ${SUMS} from kpi_day where day between ${from} and ${to} group by day, sub_district_code`.execute(db)).rows.map((r) => ({ day: r.day, code: r.code, sums: sums(r) }));
  const todayRow = period ? sums((await sql<SumsRow>`select ${SUMS} from kpi_day where day = ${today}`.execute(db)).rows[0]) : addUp(cells.filter((c) => c.day === today).map((c) => c.sums));
  const windowRow = addUp(cells.map((c) => c.sums));
  // Intake by the day received; 办结 by the day resolved (a ticket received last week and closed today counts today).
  const intakeOf = new Map<string, number>();
  for (const c of cells) intakeOf.set(c.day, (intakeOf.get(c.day) ?? 0) + c.sums.intake);
  const intakeByDay = [...intakeOf].map(([day, n]) => ({ day, n }));
  const windowStart = beijingDayStart(now) - (days - 1) * DAY_MS;
  const doneOf = period ? await resolvedByDay(db, instantsOf(period).fromMs, instantsOf(period).toMs) : await closures(db, windowStart, now);
  const doneByDay = [...doneOf].map(([day, n]) => ({ day, n }));
  const daily = period ? everyDayBetween(period, intakeByDay, doneByDay) : everyDay(now, days, intakeByDay, doneByDay);
  const categories = (await sql<{ category: string; intake: number }>`
    select category, sum(intake) as intake from kpi_day where day between ${hotFrom} and ${to} group by category order by intake desc, category limit 10`.execute(db)).rows;
  const subCells = new Map<string, KpiSums[]>();
  for (const c of cells) subCells.set(c.code, [...(subCells.get(c.code) ?? []), c.sums]);
  const bySub = [...subCells].map(([code, list]) => ({ code, ...addUp(list) }));
  const hourly = (await sql<{ h: number; n: number }>`
    select cast((received_at - ${dayStart}) / 3600000 as integer) as h, count(*) as n from tickets where received_at >= ${dayStart} and received_at < ${dayStart + DAY_MS} group by h`.execute(db)).rows;
  // Open and overdue are the tickets' present state: open from the tally the triggers keep; overdue moves
  // with the clock, not with writes (overdueBySubDistrict).
  const openTally = (await sql<{ code: string; n: number }>`
    select sub_district_code as code, sum(n) as n from ticket_tally where status <> 'closed' group by sub_district_code`.execute(db)).rows;
  const overdueBy = await overdueBySubDistrict(db, now);
  const openRows = openTally.map((r) => ({ code: r.code, open: Number(r.n), overdue: overdueBy.get(r.code) ?? 0 }));
  const openBy = new Map(openRows.map((r) => [r.code, r]));
  const codes = new Set([...bySub.map((r) => r.code), ...openRows.map((r) => r.code)]);
  const subBy = new Map(bySub.map((r) => [r.code, r]));
  const hours = Array<number>(24).fill(0);
  for (const r of hourly) if (r.h >= 0 && r.h < 24) hours[Number(r.h)] = Number(r.n);
  return {
    today: todayRow,
    window: windowRow,
    open: openRows.reduce((s, r) => s + Number(r.open), 0),
    overdue: openRows.reduce((s, r) => s + Number(r.overdue ?? 0), 0),
    dueSoon: await dueSoonCount(db, now),
    hourly: hours,
    daily,
    categories: categories.map((c) => ({ category: c.category, intake: Number(c.intake) })),
    subDistricts: [...codes].map((code) => ({ code, ...sums(subBy.get(code)), open: Number(openBy.get(code)?.open ?? 0), overdue: Number(openBy.get(code)?.overdue ?? 0) })),
  };
}

/** Every Beijing day of the window, oldest first, zero where nothing happened (a chart never skips a day). */
function everyDay(now: number, days: number, intake: { day: string; n: number }[], done: { day: string; n: number }[]): KpiRows['daily'] {
  return dailyOf(Array.from({ length: days }, (_, k) => beijingDay(now, days - 1 - k)), intake, done);
}

function everyDayBetween(range: DayRange, intake: { day: string; n: number }[], done: { day: string; n: number }[]): KpiRows['daily'] {
  return dailyOf(everyDayOf(range), intake, done);
}

function dailyOf(days: string[], intake: { day: string; n: number }[], done: { day: string; n: number }[]): KpiRows['daily'] {
  const i = new Map(intake.map((r) => [r.day, Number(r.n)]));
  const d = new Map(done.map((r) => [r.day, Number(r.n)]));
  return days.map((day) => ({ day, intake: i.get(day) ?? 0, done: d.get(day) ?? 0 }));
}

/** 即将超期: unresolved tickets due within the next 24 hours (the partial index of open tickets' deadlines). */
export async function dueSoonCount(db: Db, now: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from tickets
    where status <> 'closed' and status <> 'resolved' and deadline_at >= ${now} and deadline_at < ${now + DUE_SOON_MS}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Unresolved tickets past their deadline at `now`, per sub-district: whole days before today from the tally
 * (deadline day buckets kept by triggers), today's passed deadlines from the partial index of open tickets.
 */
export async function overdueBySubDistrict(db: Db, now: number): Promise<Map<string, number>> {
  const today = beijingDay(now);
  const dayStart = beijingDayStart(now);
  const past = (await sql<{ code: string; n: number }>`
    select sub_district_code as code, sum(n) as n from ticket_tally where deadline_day <> '' and deadline_day < ${today} group by sub_district_code`.execute(db)).rows;
  const todays = (await sql<{ code: string; n: number }>`
    select sub_district_code as code, count(*) as n from tickets
    where status <> 'closed' and deadline_at >= ${dayStart} and deadline_at < ${now} and status <> 'resolved' group by sub_district_code`.execute(db)).rows;
  const by = new Map<string, number>();
  for (const r of [...past, ...todays]) if (Number(r.n)) by.set(r.code, (by.get(r.code) ?? 0) + Number(r.n));
  return by;
}
