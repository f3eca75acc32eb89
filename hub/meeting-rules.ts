/**
 * What a meeting operation does to a meeting — pure: the meeting as it is in, the meeting as it becomes (or
 * a refusal) out. Who may do what: the chair runs the meeting; an invited station answers the roll-call and
 * calls addressed to it, and reports from the site on the agenda's tickets; a viewer only watches.
 */
import type { ErrorCode } from '../shared/rpc/errors';
import type { Meeting, MeetingDecision, MeetingOp } from '../shared/hub-meeting';
import type { Actor } from './actions';
import { applyLinkOp, endAllLinks, isLinkOp } from './link-rules';

export type MeetingOutcome = { ok: true; meeting: Meeting } | { ok: false; code: ErrorCode; message: string; reason: string; params?: Record<string, string | number> };
/** A refusal: its code, the log's message, and the reason (with parameters) a console shows its user. */
const refuse = (code: ErrorCode, message: string, reason: string, params?: Record<string, string | number>): MeetingOutcome => ({ ok: false, code, message, reason, ...(params ? { params } : {}) });

/** May this participant see the meeting (and get its snapshots)? */
export function canSee(meeting: Meeting, actor: Pick<Actor, 'role' | 'stationCode'>): boolean {
  return actor.role !== 'station' || (actor.stationCode !== null && meeting.invitees.stations.includes(actor.stationCode));
}

export function applyMeetingOp(meeting: Meeting | undefined, op: MeetingOp, actor: Actor, now: number): MeetingOutcome {
  if (actor.role === 'viewer' || actor.role === 'ingest') return refuse('unauthorized', '只读或接入账号不能参与会商操作 (a viewer or ingest token cannot act)', 'roleCannotAct', { role: actor.role });
  if (op.op === 'create') {
    if (actor.role !== 'chair') return refuse('unauthorized', '只有区指挥中心可以召开会商 (only the chair creates a meeting)', 'chairOnly');
    if (meeting) return refuse('conflict', `会商 ${op.meetingId} 已存在`, 'reusedId');
    return {
      ok: true,
      meeting: {
        id: op.meetingId,
        version: 0,
        kind: op.kind,
        title: op.title,
        chair: actor.name || '区指挥中心',
        createdAt: now,
        startedAt: null,
        endedAt: null,
        agenda: op.agenda,
        current: null,
        invitees: op.invitees,
        attendance: op.invitees.stations.map((stationCode) => ({ stationCode, present: false, joinedAt: null, answeredRollCallAt: null })),
        rollCallAt: null,
        calls: [],
        reports: [],
        decisions: [],
        links: [],
        talkTo: null,
        onWall: null,
      },
    };
  }
  if (!meeting) return refuse('notFound', `会商 ${op.meetingId} 不存在`, 'meetingNotFound');
  if (!canSee(meeting, actor)) return refuse('unauthorized', '本街道未受邀参加该会商 (this station is not invited)', 'notInvited');
  if (meeting.endedAt !== null) return refuse('conflict', '会商已结束 (the meeting has ended)', 'meetingEnded');
  if (isLinkOp(op)) return applyLinkOp(meeting, op, actor, (i) => photoId(op.id, i), now);
  const chairOnly = op.op === 'start' || op.op === 'setCurrent' || op.op === 'rollCall' || op.op === 'call' || op.op === 'end' || op.op === 'addItem';
  if (chairOnly && actor.role !== 'chair') return refuse('unauthorized', '该操作只能由主持人 (区指挥中心) 进行 (chair only)', 'chairOnly');
  if (!chairOnly && actor.role !== 'station') return refuse('unauthorized', '该操作由受邀街道进行 (stations only)', 'stationsOnly');

  switch (op.op) {
    case 'start':
      return { ok: true, meeting: { ...meeting, startedAt: meeting.startedAt ?? now, current: meeting.current ?? 0 } };
    case 'setCurrent':
      if (op.index >= meeting.agenda.length) return refuse('badRequest', `议程只有 ${meeting.agenda.length} 项`, 'agendaShorter', { n: meeting.agenda.length });
      return { ok: true, meeting: { ...meeting, startedAt: meeting.startedAt ?? now, current: op.index } };
    case 'rollCall':
      return { ok: true, meeting: { ...meeting, rollCallAt: now, attendance: meeting.attendance.map((a) => ({ ...a, answeredRollCallAt: null })) } };
    case 'call':
      if (!meeting.invitees.stations.includes(op.stationCode)) return refuse('badRequest', '该街道未受邀参加会商', 'stationNotInvited');
      if (!meeting.agenda.some((a) => a.ticketNo === op.ticketNo)) return refuse('badRequest', `工单 ${op.ticketNo} 不在议程中`, 'notOnAgenda', { ticketNo: op.ticketNo });
      // A station with no link cannot hear the call: say so instead of a call that rings nowhere.
      if (!meeting.attendance.some((a) => a.stationCode === op.stationCode && a.present)) return refuse('conflict', '该街道未上线，无法呼叫 (the station is not online)', 'stationOffline');
      return { ok: true, meeting: { ...meeting, calls: [...meeting.calls, { id: op.id, stationCode: op.stationCode, ticketNo: op.ticketNo, calledAt: now, answeredAt: null, answer: null }] } };
    case 'answer': {
      const code = actor.stationCode!;
      if (op.callId === undefined) {
        if (meeting.rollCallAt === null) return refuse('conflict', '尚未点名 (no roll-call is open)', 'noRollCall');
        return { ok: true, meeting: { ...meeting, attendance: meeting.attendance.map((a) => (a.stationCode === code ? { ...a, answeredRollCallAt: a.answeredRollCallAt ?? now } : a)) } };
      }
      const call = meeting.calls.find((c) => c.id === op.callId);
      if (!call) return refuse('notFound', '没有这次呼叫 (no such call)', 'callNotFound');
      if (call.stationCode !== code) return refuse('unauthorized', '这次呼叫不是给本街道的 (the call is for another station)', 'callForOther');
      if (call.answeredAt !== null) return { ok: true, meeting };
      return { ok: true, meeting: { ...meeting, calls: meeting.calls.map((c) => (c.id === op.callId ? { ...c, answeredAt: now, answer: op.note } : c)) } };
    }
    case 'report':
      if (!meeting.agenda.some((a) => a.ticketNo === op.ticketNo)) return refuse('badRequest', `工单 ${op.ticketNo} 不在议程中`, 'notOnAgenda', { ticketNo: op.ticketNo });
      // Photos are kept beside the meeting (hub_meeting_photos) under `${report id}/${index}`.
      return { ok: true, meeting: { ...meeting, reports: [...meeting.reports, { id: op.id, stationCode: actor.stationCode!, ticketNo: op.ticketNo, at: now, note: op.note, photoIds: op.photos.map((_, i) => photoId(op.id, i)) }] } };
    case 'end':
      return { ok: true, meeting: { ...endAllLinks(meeting, now, actor.name || '区指挥中心'), endedAt: now } };
    case 'addItem':
      if (meeting.agenda.some((a) => a.ticketNo === op.item.ticketNo)) return refuse('conflict', `工单 ${op.item.ticketNo} 已在议程中 (already on the agenda)`, 'alreadyOnAgenda', { ticketNo: op.item.ticketNo });
      if (meeting.agenda.length >= 200) return refuse('badRequest', '议程最多 200 项 (an agenda holds at most 200 items)', 'agendaFull', { max: 200 });
      return { ok: true, meeting: { ...meeting, agenda: [...meeting.agenda, op.item] } };
  }
}

export const photoId = (reportId: string, index: number) => `${reportId}/${index}`;

/** A decision taken on one of the meeting's tickets (a later one on the same ticket replaces it). */
export function recordDecision(meeting: Meeting, d: MeetingDecision): Meeting {
  return { ...meeting, decisions: [...meeting.decisions.filter((x) => x.ticketNo !== d.ticketNo), d] };
}

/** A station connected or left: presence now, and when it first joined. */
export function markPresence(meeting: Meeting, stationCode: string, present: boolean, now: number): Meeting {
  return { ...meeting, attendance: meeting.attendance.map((a) => (a.stationCode === stationCode ? { ...a, present, joinedAt: a.joinedAt ?? (present ? now : null) } : a)) };
}
