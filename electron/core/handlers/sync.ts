import type { Store } from '../../../db/open';
import { listQuarantine } from '../../../db/queries/quarantine';
import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { SyncStatusHolder } from '../sync-status';

export function syncHandlers(status: SyncStatusHolder, store: Store): { 'sync.status': Handler<LiandongContract, 'sync.status'>; 'sync.quarantine': Handler<LiandongContract, 'sync.quarantine'> } {
  return {
    'sync.status': () => status.get(),
    'sync.quarantine': ({ limit }) => listQuarantine(store, limit),
  };
}
