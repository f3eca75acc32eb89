/** The KPI wall's snapshot: sums from the store (db/queries/kpi), shares computed by the domain rule. */
import type { StoreReader } from '../../../db/open';
import { kpiRows, type ClosuresByDay, type KpiSums } from '../../../db/queries/kpi';
import type { KpiRates, KpiSnapshot } from '../../../shared/contract/kpi';
import { share } from '../../../shared/domain/kpi';

const rates = (s: KpiSums): KpiRates => ({ closedRate: share(s.done, s.intake), onTimeRate: share(s.onTime, s.done), satisfactionRate: share(s.satisfied, s.rated) });

export async function kpiSnapshot(store: StoreReader, now: number, windowDays: number, closures?: ClosuresByDay): Promise<KpiSnapshot> {
  const r = await kpiRows(store, now, windowDays, 7, closures);
  return {
    asOf: now,
    windowDays,
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
