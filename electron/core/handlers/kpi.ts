import type { Store } from '../../../db/open';
import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import { kpiSnapshot } from '../kpi/kpi-service';

export function kpiHandlers(store: Store, clock: () => number): { 'kpi.snapshot': Handler<LiandongContract, 'kpi.snapshot'> } {
  return { 'kpi.snapshot': ({ windowDays }) => kpiSnapshot(store, clock(), windowDays) };
}
