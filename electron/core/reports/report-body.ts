/**
 * A report's figures for a period, from the store: the KPI wall's own sums for the period (kpiRows with the
 * period, so a report and the wall never disagree), the period before (环比) and, for a 月报, the same month a year
 * before (同比); the hot issues; early warnings; 疑难 and 三跨 tickets; the units' and sub-districts' rates with their
 * ranks; arbitrary returns by name; meetings and their follow-ups; the three largest changes.
 */
import type { StoreReader } from '../../../db/open';
import { kpiRows, type KpiRows, type KpiSums } from '../../../db/queries/kpi';
import {
  anyReceived, examples, notableTickets, periodCounts, placeOfKey, statusesOf, ticketFigures, warningsRaised, type ExampleRow, type PeriodCounts, type UnitSums,
} from '../../../db/queries/report-figures';
import type { Compared, ComparedRate, HotIssue, ReportBody, ReportTicket, UnitRow } from '../../../shared/contract/reports';
import { ratesOf, type KpiRateValues } from '../../../shared/domain/kpi';
import { largestChanges, type CountChange, type RateChange } from '../../../shared/domain/report-changes';
import { beijingDayOf, comparedSpans, instantsOf, workingDaysIn, type ReportPeriod } from '../../../shared/domain/report-period';
import { returnsOf } from '../../../shared/domain/returns';
import { deputyFigures } from './deputy-figures';
import { TICKET_SOURCES, type TicketSource, type TicketStatus } from '../../../shared/domain/ticket';
import type { Meeting } from '../../../shared/hub-meeting';

type Rates = KpiRateValues;

const HOT_SHOWN = 10;

/** One period's sums and counts, as the comparisons need them. */
type PeriodFigures = PeriodCounts & { rows: KpiRows };

const kpiRowsOf = (store: StoreReader, p: ReportPeriod, asOf: number) => kpiRows(store, asOf, 30, 7, undefined, p);

/** A period compared with: its KPI rows and its counts. */
async function comparedFigures(store: StoreReader, p: ReportPeriod, asOf: number): Promise<PeriodFigures | null> {
  const range = instantsOf(p);
  if (!(await anyReceived(store, range))) return null;
  return { rows: await kpiRowsOf(store, p, asOf), ...(await periodCounts(store, range)) };
}

export async function buildReport(store: StoreReader, period: ReportPeriod, asOf: number): Promise<ReportBody> {
  const { through, previous, yearBefore } = comparedSpans(period, beijingDayOf(asOf));
  const range = instantsOf(period);
  const figures = await ticketFigures(store, range, asOf);
  const now: PeriodFigures = { rows: await kpiRowsOf(store, period, asOf), ...figures.counts };
  const prev = await comparedFigures(store, previous, asOf);
  const year = yearBefore ? await comparedFigures(store, yearBefore, asOf) : null;

  const compared = (of: (f: PeriodFigures) => number): Compared => ({ n: of(now), previous: prev && of(prev), yearBefore: year && of(year) });
  const comparedRate = (of: (r: Rates) => number | null): ComparedRate => ({ value: of(ratesOf(now.rows.window)), previous: prev && of(ratesOf(prev.rows.window)), yearBefore: year && of(ratesOf(year.rows.window)) });
  const byKey = (keys: Iterable<string>, of: (f: PeriodFigures, key: string) => number) =>
    [...new Set(keys)].map((key) => ({ key, n: compared((f) => of(f, key)) })).sort((a, b) => b.n.n - a.n.n || a.key.localeCompare(b.key));

  const categories = byKey([...now.byCategory.keys(), ...(prev?.byCategory.keys() ?? [])], (f, k) => f.byCategory.get(k) ?? 0);
  const subDistrictsIntake = byKey([...now.rows.subDistricts, ...(prev?.rows.subDistricts ?? [])].map((s) => s.code), (f, k) => f.rows.subDistricts.find((s) => s.code === k)?.intake ?? 0);
  const sources = TICKET_SOURCES.map((key) => ({ key, n: compared((f) => f.bySource.get(key) ?? 0) })).filter((s) => s.n.n || s.n.previous || s.n.yearBefore);

  const example = (r: ExampleRow): ReportTicket => ({ ...r, status: r.status as TicketStatus });
  const hotCategories: HotIssue[] = [];
  for (const c of rising(categories.map((c) => ({ key: c.key, n: c.n.n, previous: c.n.previous ?? 0 }))).slice(0, HOT_SHOWN)) {
    hotCategories.push({ category: c.key, placeCode: null, n: c.n, previous: prev && c.previous, rise: prev && c.n - c.previous, examples: (await examples(store, range, c.key, null)).map(example) });
  }
  const placeKeys = [...now.places.keys()].map((key) => ({ key, n: now.places.get(key)!, previous: prev?.places.get(key) ?? 0 }));
  const hotPlaces: HotIssue[] = [];
  for (const x of rising(placeKeys).slice(0, HOT_SHOWN)) {
    const [place, category] = placeOfKey(x.key);
    hotPlaces.push({ category, placeCode: place, n: x.n, previous: prev && x.previous, rise: prev && x.n - x.previous, examples: (await examples(store, range, category, place)).map(example) });
  }

  const warnings = await warningsRaised(store, range);
  const notable = await notableTickets(store, range);
  const returns = notable.returned.flatMap((t) => returnsOf(t.timeline).map((r) => ({ ticketNo: t.ticketNo, ...r })));
  const units = unitRows(figures.units, returns);
  const overdueBySub = figures.overdueOpenBySubDistrict;
  const subDistricts = ranked(now.rows.subDistricts.filter((s) => s.intake > 0 || overdueBySub.has(s.code)).map((s) => ({ code: s.code, ...sumsOnly(s), overdueOpen: overdueBySub.get(s.code) ?? 0 }))).sort((a, b) => (a.closedRank ?? 1e9) - (b.closedRank ?? 1e9) || a.code.localeCompare(b.code));

  const changes = prev ? largestChanges(countChanges(now, prev, categories, subDistrictsIntake, sources), rateChanges(now.rows.window, prev.rows.window)) : [];

  return {
    period,
    previous,
    yearBefore,
    asOf,
    through,
    workingDays: workingDaysIn(period),
    totals: {
      intake: compared((f) => f.rows.window.intake),
      done: compared((f) => f.rows.window.done),
      returns: compared((f) => f.rows.window.returns),
      closedRate: comparedRate((r) => r.closedRate),
      onTimeRate: comparedRate((r) => r.onTimeRate),
      satisfactionRate: comparedRate((r) => r.satisfactionRate),
    },
    daily: now.rows.daily,
    bySource: sources as { key: TicketSource; n: Compared }[],
    byCategory: categories,
    bySubDistrict: subDistrictsIntake,
    hot: { categories: hotCategories, places: hotPlaces },
    warnings: {
      raised: warnings.length,
      acknowledged: warnings.filter((w) => w.acknowledgedAt !== null).length,
      cleared: warnings.filter((w) => w.clearedAt !== null).length,
      stillActive: warnings.filter((w) => w.clearedAt === null).length,
      items: warnings.slice(0, 30),
    },
    hard: { ...figures.hard, open: notable.hardOpen.map(example) },
    units: units.slice(0, 500),
    subDistricts,
    arbitraryReturns: returns.filter((r) => r.arbitrary).sort((a, b) => b.at - a.at).slice(0, 100).map((r) => ({ ticketNo: r.ticketNo, unit: r.unit, at: r.at, reason: r.reason })),
    meetings: await meetingFigures(store, range, asOf),
    deputies: await deputyFigures(store, range, asOf),
    changes,
  };
}

/** What rose most against the period before (or, with nothing before, what is largest). */
function rising(xs: { key: string; n: number; previous: number }[]) {
  return xs.filter((x) => x.n > x.previous).sort((a, b) => b.n - b.previous - (a.n - a.previous) || b.n - a.n || a.key.localeCompare(b.key));
}

const sumsOnly = (s: KpiSums): KpiSums => ({ intake: s.intake, done: s.done, onTime: s.onTime, rated: s.rated, satisfied: s.satisfied, returns: s.returns });

/** Rates and their ranks (1 = the highest; equal rates share a rank). */
function ranked<T extends KpiSums>(rows: T[]): (T & Rates & { closedRank: number | null; onTimeRank: number | null; satisfactionRank: number | null })[] {
  const withRates = rows.map((r) => ({ ...r, ...ratesOf(r) }));
  const rankOf = (field: keyof Rates) => {
    const values = withRates.map((r) => r[field]).filter((v): v is number => v !== null).sort((a, b) => b - a);
    return (v: number | null) => (v === null ? null : values.indexOf(v) + 1);
  };
  const [c, o, s] = [rankOf('closedRate'), rankOf('onTimeRate'), rankOf('satisfactionRate')];
  return withRates.map((r) => ({ ...r, closedRank: c(r.closedRate), onTimeRank: o(r.onTimeRate), satisfactionRank: s(r.satisfactionRate) }));
}

/** The units' rows: their tickets' sums, and the returns they made (a return is the returning unit's, as on the wall). */
function unitRows(sums: UnitSums[], returns: { unit: string; arbitrary: boolean }[]): UnitRow[] {
  const made = new Map<string, { returns: number; arbitrary: number }>();
  for (const r of returns) {
    const m = made.get(r.unit) ?? { returns: 0, arbitrary: 0 };
    m.returns++;
    if (r.arbitrary) m.arbitrary++;
    made.set(r.unit, m);
  }
  const by = new Map(sums.map((s) => [s.unit, s]));
  const names = new Set([...by.keys(), ...made.keys()]);
  const rows = [...names].map((unit) => {
    const s = by.get(unit);
    return { unit, intake: s?.intake ?? 0, done: s?.done ?? 0, onTime: s?.onTime ?? 0, rated: s?.rated ?? 0, satisfied: s?.satisfied ?? 0, returns: made.get(unit)?.returns ?? 0, overdueOpen: s?.overdueOpen ?? 0, late: (s?.done ?? 0) - (s?.onTime ?? 0), arbitrary: made.get(unit)?.arbitrary ?? 0 };
  });
  return ranked(rows).sort((a, b) => b.overdueOpen - a.overdueOpen || b.returns - a.returns || b.intake - a.intake || a.unit.localeCompare(b.unit));
}

function countChanges(now: PeriodFigures, prev: PeriodFigures, categories: { key: string; n: Compared }[], subs: { key: string; n: Compared }[], sources: { key: string; n: Compared }[]): CountChange[] {
  return [
    { kind: 'intake', key: null, from: prev.rows.window.intake, to: now.rows.window.intake },
    ...categories.map((c) => ({ kind: 'category' as const, key: c.key, from: c.n.previous ?? 0, to: c.n.n })),
    ...subs.map((c) => ({ kind: 'subDistrict' as const, key: c.key, from: c.n.previous ?? 0, to: c.n.n })),
    ...sources.map((c) => ({ kind: 'source' as const, key: c.key, from: c.n.previous ?? 0, to: c.n.n })),
  ];
}

function rateChanges(now: KpiSums, prev: KpiSums): RateChange[] {
  const a = ratesOf(now);
  const b = ratesOf(prev);
  const out: RateChange[] = [];
  const add = (kind: RateChange['kind'], base: number) => {
    const [to, from] = [a[kind], b[kind]];
    if (to !== null && from !== null) out.push({ kind, key: null, from, to, base });
  };
  add('closedRate', now.intake);
  add('onTimeRate', now.done);
  add('satisfactionRate', now.rated);
  return out;
}

/** Meetings held in the period (started in it), decisions taken in it, and how many of those are still open. */
async function meetingFigures(store: StoreReader, range: { fromMs: number; toMs: number }, asOf: number): Promise<ReportBody['meetings']> {
  const rows = await store.selectFrom('meetings').select('body').where('created_at', '<', range.toMs).execute();
  const meetings = rows.map((r) => JSON.parse(r.body) as Meeting);
  const inRange = (at: number | null) => at !== null && at >= range.fromMs && at < range.toMs;
  const held = meetings.filter((m) => inRange(m.startedAt)).length;
  const decisions = meetings.flatMap((m) => m.decisions.filter((d) => inRange(d.at)));
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) if ((latest.get(d.ticketNo)?.at ?? -1) < d.at) latest.set(d.ticketNo, d);
  const status = await statusesOf(store, [...latest.keys()]);
  const open = [...latest.values()].filter((d) => status.get(d.ticketNo) !== 'closed');
  return { held, decisions: decisions.length, followUpsOpen: open.length, followUpsOverdue: open.filter((d) => d.deadlineAt < asOf).length };
}
