import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { SyncStatusHolder } from '../sync-status';

export function syncHandlers(status: SyncStatusHolder): { 'sync.status': Handler<LiandongContract, 'sync.status'> } {
  return { 'sync.status': () => status.get() };
}
