import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { Outbox } from '../sync/outbox';

export function actionHandlers(outbox: Outbox): { 'actions.submit': Handler<LiandongContract, 'actions.submit'>; 'actions.list': Handler<LiandongContract, 'actions.list'> } {
  return {
    'actions.submit': (request) => outbox.submit(request),
    'actions.list': async (q) => ({ items: await outbox.list(q) }),
  };
}
