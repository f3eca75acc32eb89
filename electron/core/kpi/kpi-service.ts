/** The KPI wall's snapshot: sums from the store (db/queries/kpi), shares computed by the domain rule. */
import type { StoreReader } from '../../../db/open';
import { beijingDay, kpiRows, type ClosuresByDay, type KpiSums } from '../../../db/queries/kpi';
import { daysIn, type DayRange } from '../../../shared/domain/report-period';
import type { KpiRates, KpiSnapshot } from '../../../shared/contract/kpi';
import { ratesOf } from '../../../shared/domain/kpi';

const rates = (s: KpiSums): KpiRates => ratesOf(s);

export async function kpiSnapshot(store: StoreReader, now: number, windowDays: number, closures?: ClosuresByDay, period?: DayRange): Promise<KpiSnapshot> {
  const r = await kpiRows(store, now, windowDays, 7, closures, period);
  return {
    asOf: now,
    windowDays: period ? daysIn(period) : windowDays,
    period: period ? { from: period.from, to: period.to } : { from: beijingDay(now, windowDays - 1), to: beijingDay(now) },
    periodAsked: period !== undefined,
    today: { intake: r.today.intake, returns: r.today.returns },
    open: r.open,
    overdue: r.overdue,
    dueSoon: r.dueSoon,
    rates: rates(r.window),
    window: { intake: r.window.intake, returns: r.window.returns },
    hourly: r.hourly,
    daily: r.daily,
    hotCategories: r.categories,
    ranking: r.subDistricts
      .map((s) => ({ code: s.code, intake: s.intake, open: s.open, overdue: s.overdue, returns: s.returns, ...rates(s) }))
      .sort((a, b) => b.open - a.open || b.intake - a.intake),
  };
}
