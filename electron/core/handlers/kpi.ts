import type { StoreReader } from '../../../db/open';
import { beijingDayStart } from '../../../db/queries/kpi';
import type { LiandongContract } from '../../../shared/contract';
import { returnsByUnit } from '../../../shared/domain/returns';
import { daysIn, instantsOf } from '../../../shared/domain/report-period';
import { returnedTimelines } from '../../../db/queries/report-figures';
import type { Handler } from '../../../shared/rpc/define';
import { kpiSnapshot } from '../kpi/kpi-service';
import { closuresByDay } from '../kpi/closures-by-day';

const DAY_MS = 86_400_000;

export function kpiHandlers(store: StoreReader, clock: () => number): { 'kpi.snapshot': Handler<LiandongContract, 'kpi.snapshot'>; 'kpi.returnsByUnit': Handler<LiandongContract, 'kpi.returnsByUnit'> } {
  const closures = closuresByDay(clock);
  return {
    'kpi.snapshot': ({ windowDays, period }) => kpiSnapshot(store, clock(), windowDays, closures, period),
    'kpi.returnsByUnit': async ({ windowDays, period }) => {
      const range = period ? instantsOf(period) : { fromMs: beijingDayStart(clock()) - (windowDays - 1) * DAY_MS, toMs: Number.MAX_SAFE_INTEGER };
      const timelines = await returnedTimelines(store, range.fromMs, range.toMs);
      return { windowDays: period ? daysIn(period) : windowDays, units: returnsByUnit(timelines.map((r) => r.timeline)) };
    },
  };
}
