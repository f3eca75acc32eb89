/** audit.list: asks the hub (its audit trail lives there, not in this console's store). */
import type { LiandongContract } from '../../../shared/contract';
import { AuditAnswer } from '../../../shared/hub-protocol';
import type { Handler } from '../../../shared/rpc/define';
import { hubReason, RpcError, type ErrorCode } from '../../../shared/rpc/errors';
import type { HubLink } from '../sync/hub-link';

export function auditHandlers(link: Pick<HubLink, 'request' | 'connected'>): { 'audit.list': Handler<LiandongContract, 'audit.list'> } {
  return {
    'audit.list': async (query) => {
      if (!link.connected) throw new RpcError('unavailable', 'the audit trail is at the hub: offline now', { reason: 'offlineHubNeeded' });
      let raw: unknown;
      try {
        raw = await link.request('auditQuery', query);
      } catch (e) {
        throw new RpcError('unavailable', `the hub did not answer: ${e instanceof Error ? e.message : String(e)}`, { reason: 'hubNoAnswer' });
      }
      const a = AuditAnswer.safeParse(raw);
      if (!a.success) throw new RpcError('internal', 'the hub answered the audit query in a form this console does not know', { reason: 'hubUnreadable' });
      if (!a.data.ok) {
        const code: ErrorCode = a.data.error.code === 'unauthorized' || a.data.error.code === 'badRequest' ? a.data.error.code : 'unavailable';
        throw new RpcError(code, a.data.error.message, hubReason(a.data.error));
      }
      return a.data.page;
    },
  };
}
