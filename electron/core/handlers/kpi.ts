import type { StoreReader } from '../../../db/open';
import { beijingDayStart } from '../../../db/queries/kpi';
import type { LiandongContract } from '../../../shared/contract';
import { returnsByUnit } from '../../../shared/domain/returns';
import type { TimelineEntry } from '../../../shared/domain/ticket';
import type { Handler } from '../../../shared/rpc/define';
import { kpiSnapshot } from '../kpi/kpi-service';
import { closuresByDay } from '../kpi/closures-by-day';

const DAY_MS = 86_400_000;

export function kpiHandlers(store: StoreReader, clock: () => number): { 'kpi.snapshot': Handler<LiandongContract, 'kpi.snapshot'>; 'kpi.returnsByUnit': Handler<LiandongContract, 'kpi.returnsByUnit'> } {
  const closures = closuresByDay(clock);
  return {
    'kpi.snapshot': ({ windowDays }) => kpiSnapshot(store, clock(), windowDays, closures),
    // Only tickets with a return are read (return_count is kept with each row): a few per cent of the window.
    'kpi.returnsByUnit': async ({ windowDays }) => {
      const since = beijingDayStart(clock()) - (windowDays - 1) * DAY_MS;
      const rows = await store.selectFrom('tickets').select('timeline').where('return_count', '>', 0).where('received_at', '>=', since).execute();
      return { windowDays, units: returnsByUnit(rows.map((r) => JSON.parse(r.timeline) as TimelineEntry[])) };
    },
  };
}
