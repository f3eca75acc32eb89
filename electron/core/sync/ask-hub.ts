/**
 * A call of the hub's socket contract made for a screen: what can go wrong comes back as the console's own error
 * (RpcError) with a reason the catalogue says in the user's language — offline, no answer, an answer this console
 * cannot read, or the hub's refusal with the hub's own code, reason and parameters.
 */
import type { HubMethod } from '../../../shared/hub-contract';
import { hubReason, RpcError } from '../../../shared/rpc/errors';
import { HubAnswerError, type HubAnswer, type HubCallInput, type HubLink } from './hub-link';

export async function askHub<M extends HubMethod>(link: Pick<HubLink, 'call' | 'connected'>, method: M, input: HubCallInput<M>): Promise<Extract<HubAnswer<M>, { ok: true }>> {
  if (!link.connected) throw new RpcError('unavailable', `offline: ${method} needs the hub`, { reason: 'offlineHubNeeded' });
  let answer: HubAnswer<M>;
  try {
    answer = await link.call(method, input);
  } catch (e) {
    if (e instanceof HubAnswerError) throw new RpcError('internal', e.message, { reason: 'hubUnreadable' });
    throw new RpcError('unavailable', `the hub did not answer: ${e instanceof Error ? e.message : String(e)}`, { reason: 'hubNoAnswer' });
  }
  if (!answer.ok) throw new RpcError(answer.error.code, answer.error.message, hubReason(answer.error));
  return answer as Extract<HubAnswer<M>, { ok: true }>;
}
