/**
 * What an action from a console does to a ticket — pure: the current record in, the new record or a
 * refusal out. Authorisation is decided here too: who may act on which ticket.
 */
import { STATION_STATUSES, type ActionErrorCode, type HubAction } from '../shared/hub-protocol';
import { subDistrictName } from '../shared/domain/divisions';
import { transition } from '../shared/domain/status';
import type { TicketRecord, TimelineEntry } from '../shared/domain/ticket';

export type Actor = { role: 'chair' | 'station' | 'viewer'; stationCode: string | null; name: string };
export type ActionOutcome = { ok: true; record: TicketRecord } | { ok: false; code: ActionErrorCode; message: string };

const refuse = (code: ActionErrorCode, message: string): ActionOutcome => ({ ok: false, code, message });

export function actorLabel(actor: Actor): string {
  if (actor.role === 'station' && actor.stationCode) return subDistrictName(actor.stationCode);
  return actor.name || '区指挥中心';
}

export function applyAction(current: TicketRecord | undefined, action: HubAction, actor: Actor, now: number): ActionOutcome {
  if (actor.role === 'viewer') return refuse('unauthorized', '只读账号不能操作工单 (a viewer token cannot act)');
  if (!current) return refuse('notFound', `工单 ${action.ticketNo} 不存在`);
  const { ticket } = current;
  if (actor.role === 'station' && ticket.subDistrictCode !== actor.stationCode) {
    return refuse('unauthorized', `${actorLabel(actor)}不能处理其他街道的工单 (ticket belongs to ${subDistrictName(ticket.subDistrictCode)})`);
  }
  const by = actorLabel(actor);
  const entry = (kind: TimelineEntry['kind'], note = ''): TimelineEntry => ({ at: now, kind, actor: by, note });

  switch (action.kind) {
    case 'acknowledge':
      return { ok: true, record: { ticket: { ...ticket, updatedAt: now }, timeline: [...current.timeline, entry('acknowledged', action.note || '收到')] } };
    case 'comment':
      return { ok: true, record: { ticket: { ...ticket, updatedAt: now }, timeline: [...current.timeline, entry('commented', action.note)] } };
    case 'status': {
      if (actor.role === 'station' && !(STATION_STATUSES as readonly string[]).includes(action.to)) {
        return refuse('unauthorized', `街道不能将工单设为该状态 (${action.to} is for the command centre)`);
      }
      const r = transition(ticket, { to: action.to, at: now, reason: action.reason, satisfaction: action.satisfaction });
      if (!r.ok) {
        const why = r.refusal.code === 'illegalTransition' ? `不能从 ${r.refusal.from} 转为 ${r.refusal.to}` : r.refusal.code === 'reasonRequired' ? '退单必须说明理由' : '办结需回访满意';
        return refuse('conflict', `${why} (${r.refusal.code})`);
      }
      const next = { ...r.value };
      if (action.to === 'dispatched' && action.unit) next.handlingUnit = action.unit;
      if (action.to === 'accepted' && actor.role === 'station') next.handlingUnit = by;
      const steps: TimelineEntry[] = [];
      if (action.to === 'closed') steps.push(entry('calledBack', action.satisfaction === 'satisfied' ? '满意' : '基本满意'));
      steps.push(entry(action.to, action.reason ?? (action.to === 'dispatched' && action.unit ? `派${action.unit}` : '')));
      return { ok: true, record: { ticket: next, timeline: [...current.timeline, ...steps] } };
    }
  }
}
