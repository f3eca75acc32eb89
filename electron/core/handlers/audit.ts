/** audit.list: asks the hub (its audit trail lives there, not in this console's store). */
import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import { askHub } from '../sync/ask-hub';
import type { HubLink } from '../sync/hub-link';

export function auditHandlers(link: Pick<HubLink, 'call' | 'connected'>): { 'audit.list': Handler<LiandongContract, 'audit.list'> } {
  return {
    'audit.list': async (query) => (await askHub(link, 'auditQuery', query)).page,
  };
}
