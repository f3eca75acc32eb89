import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { WarningService } from '../warnings/warning-service';

type H<M extends 'warnings.list' | 'warnings.tickets' | 'warnings.acknowledge'> = Handler<LiandongContract, M>;

export function warningHandlers(w: WarningService): { 'warnings.list': H<'warnings.list'>; 'warnings.tickets': H<'warnings.tickets'>; 'warnings.acknowledge': H<'warnings.acknowledge'> } {
  return {
    'warnings.tickets': async ({ id, limit }) => ({ items: await w.tickets(id, limit) }),
    'warnings.list': async ({ includeCleared, limit }) => ({ items: await w.list(includeCleared, limit) }),
    'warnings.acknowledge': ({ id, note }) => w.acknowledge(id, note),
  };
}
