import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { WarningService } from '../warnings/warning-service';

export function warningHandlers(w: WarningService): { 'warnings.list': Handler<LiandongContract, 'warnings.list'>; 'warnings.acknowledge': Handler<LiandongContract, 'warnings.acknowledge'> } {
  return {
    'warnings.list': async ({ includeCleared, limit }) => ({ items: await w.list(includeCleared, limit) }),
    'warnings.acknowledge': ({ id, note }) => w.acknowledge(id, note),
  };
}
