/**
 * What an action from a console does to a ticket — pure: the current record in, the new record or a
 * refusal out. Authorisation is decided here too: who may act on which ticket.
 */
import { STATION_STATUSES, type HubAction, type HubRole, type TicketAction } from '../shared/hub-protocol';
import type { ErrorCode } from '../shared/rpc/errors';
import { subDistrictName } from '../shared/domain/divisions';
import { transition } from '../shared/domain/status';
import { WHISTLE_LEVELS, type TicketRecord, type TimelineEntry } from '../shared/domain/ticket';

const WHISTLE_NAMES = { routine: '常规哨', key: '重点哨', difficult: '疑难哨' } as const;
const RESPONSIBILITY_NAMES = { firstContact: '首接负责', assigned: '指定负责', fallback: '兜底负责' } as const;
const beijingDate = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The decision as one line of the timeline: 牵头、配合、期限、督办、责任规则、要求. */
export function decisionNote(d: Extract<HubAction, { kind: 'decide' }>): string {
  return [
    `牵头：${d.leadDepartment}`,
    d.coDepartments.length ? `配合：${d.coDepartments.join('、')}` : '',
    `期限：${beijingDate.format(d.deadlineAt)}`,
    d.supervisor ? `督办：${d.supervisor}` : '',
    RESPONSIBILITY_NAMES[d.responsibility],
    d.notes,
  ]
    .filter(Boolean)
    .join('；');
}

export type Actor = { role: HubRole; stationCode: string | null; name: string };
export type ActionOutcome = { ok: true; record: TicketRecord } | { ok: false; code: ErrorCode; message: string; reason: string; params?: Record<string, string | number> };

/** A refusal: its code, the log's message, and the reason (with parameters) a console shows its user. */
const refuse = (code: ErrorCode, message: string, reason: string, params?: Record<string, string | number>): ActionOutcome => ({ ok: false, code, message, reason, ...(params ? { params } : {}) });

export function actorLabel(actor: Actor): string {
  if (actor.role === 'station' && actor.stationCode) return subDistrictName(actor.stationCode);
  return actor.name || '区指挥中心';
}

export function applyAction(current: TicketRecord | undefined, action: TicketAction, actor: Actor, now: number): ActionOutcome {
  if (actor.role === 'viewer' || actor.role === 'ingest') return refuse('unauthorized', `${actor.role === 'viewer' ? '只读账号' : '接入账号'}不能操作工单 (a ${actor.role} token cannot act)`, 'roleCannotAct', { role: actor.role });
  if (!current) return refuse('notFound', `工单 ${action.ticketNo} 不存在`, 'ticketNotFound', { ticketNo: action.ticketNo });
  const { ticket } = current;
  if (actor.role === 'station' && ticket.subDistrictCode !== actor.stationCode) {
    return refuse('unauthorized', `${actorLabel(actor)}不能处理其他街道的工单 (ticket belongs to ${subDistrictName(ticket.subDistrictCode)})`, 'otherSubDistrict', { subDistrict: ticket.subDistrictCode });
  }
  const by = actorLabel(actor);
  const entry = (kind: TimelineEntry['kind'], note = ''): TimelineEntry => ({ at: now, kind, actor: by, note });

  switch (action.kind) {
    case 'acknowledge':
      return { ok: true, record: { ticket: { ...ticket, updatedAt: now }, timeline: [...current.timeline, entry('acknowledged', action.note || '收到')] } };
    case 'comment':
      return { ok: true, record: { ticket: { ...ticket, updatedAt: now }, timeline: [...current.timeline, entry('commented', action.note)] } };
    case 'escalate': {
      const rank = WHISTLE_LEVELS.indexOf(action.to) - WHISTLE_LEVELS.indexOf(ticket.whistleLevel);
      if (rank === 0) return refuse('conflict', `工单已是${WHISTLE_NAMES[action.to]} (already ${action.to})`, 'alreadyWhistle', { whistle: action.to });
      if (rank < 0 && actor.role !== 'chair') return refuse('unauthorized', `只有区指挥中心可以降哨 (only the chair lowers a whistle level)`, 'chairLowersWhistle');
      const note = `${WHISTLE_NAMES[ticket.whistleLevel]}→${WHISTLE_NAMES[action.to]}：${action.reason}`;
      return { ok: true, record: { ticket: { ...ticket, whistleLevel: action.to, updatedAt: now }, timeline: [...current.timeline, entry('escalated', note)] } };
    }
    case 'decide': {
      if (actor.role !== 'chair') return refuse('unauthorized', '会商决定只能由区指挥中心作出 (decisions are the chair\'s)', 'chairOnly');
      if (ticket.status === 'closed') return refuse('conflict', `工单 ${ticket.ticketNo} 已结案 (closed)`, 'ticketClosed', { ticketNo: ticket.ticketNo });
      const next = { ...ticket, leadDepartment: action.leadDepartment, coDepartments: action.coDepartments, deadlineAt: action.deadlineAt, handlingUnit: action.leadDepartment, updatedAt: now };
      return { ok: true, record: { ticket: next, timeline: [...current.timeline, entry('decided', decisionNote(action))] } };
    }
    case 'status': {
      if (actor.role === 'station' && !(STATION_STATUSES as readonly string[]).includes(action.to)) {
        return refuse('unauthorized', `街道不能将工单设为该状态 (${action.to} is for the command centre)`, 'statusForChair', { status: action.to });
      }
      const r = transition(ticket, { to: action.to, at: now, reason: action.reason, satisfaction: action.satisfaction });
      if (!r.ok) {
        const why = r.refusal.code === 'illegalTransition' ? `不能从 ${r.refusal.from} 转为 ${r.refusal.to}` : r.refusal.code === 'reasonRequired' ? '退单必须说明理由' : '办结需回访满意';
        return refuse('conflict', `${why} (${r.refusal.code})`, r.refusal.code, r.refusal.code === 'illegalTransition' ? { from: r.refusal.from, to: r.refusal.to } : undefined);
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
