import { describe, expect, it } from 'vitest';
import { applyMeetingOp, markPresence, recordDecision } from '../hub/meeting-rules';
import type { Meeting, MeetingOp } from './hub-meeting';
import { applyMeetingPatch, diffMeeting, MeetingMirror } from './meeting-patch';

const NOW = Date.UTC(2026, 10, 30, 2);
const A = '320613003';
const B = '320613001';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MID = id(999);
const chair = { role: 'chair' as const, stationCode: null, name: '区指挥中心' };
const station = (code: string) => ({ role: 'station' as const, stationCode: code, name: code });

/** Every kind of change, one after another, as the hub makes them. */
function history(): Meeting[] {
  const ops: [MeetingOp, typeof chair | ReturnType<typeof station>][] = [
    [{ id: id(1), meetingId: MID, op: 'create', kind: 'onlineCheck', title: '线上核查点调会', agenda: [{ ticketNo: 'T-1', reasons: ['difficult'] }, { ticketNo: 'T-2', reasons: ['cross'] }], invitees: { stations: [A, B], departments: [], deputies: [] } }, chair],
    [{ id: id(2), meetingId: MID, op: 'start' }, chair],
    [{ id: id(3), meetingId: MID, op: 'rollCall' }, chair],
    [{ id: id(4), meetingId: MID, op: 'answer', note: '收到' }, station(A)],
    [{ id: id(5), meetingId: MID, op: 'call', stationCode: B, ticketNo: 'T-1' }, chair],
    [{ id: id(6), meetingId: MID, op: 'call', stationCode: A, ticketNo: 'T-2' }, chair],
    [{ id: id(7), meetingId: MID, op: 'answer', callId: id(5), note: '城东街道收到！' }, station(B)],
    [{ id: id(8), meetingId: MID, op: 'report', ticketNo: 'T-1', note: '网格员已在现场', photos: [] }, station(B)],
    [{ id: id(9), meetingId: MID, op: 'setCurrent', index: 1 }, chair],
    [{ id: id(11), meetingId: MID, op: 'addItem', item: { ticketNo: 'T-3', reasons: ['chair'] } }, chair],
    [{ id: id(10), meetingId: MID, op: 'end' }, chair],
  ];
  const out: Meeting[] = [];
  let m: Meeting | undefined;
  for (const [i, [op, actor]] of ops.entries()) {
    const r = applyMeetingOp(m, op, actor, NOW + i * 1000);
    if (!r.ok) throw new Error(r.message);
    m = r.meeting;
    if (i === 2) m = markPresence(markPresence(m, A, true, NOW + 2500), B, true, NOW + 2600);
    if (i === 8) m = recordDecision(recordDecision(m, decision('区城管局')), decision('区住建局'));
    out.push(m);
  }
  return out;
}
const decision = (lead: string) => ({ ticketNo: 'T-1', at: NOW, leadDepartment: lead, coDepartments: [], deadlineAt: NOW + 86_400_000, supervisor: '', responsibility: 'assigned' as const, notes: '' });

describe('meeting patches', () => {
  it('a patch carries exactly what changed, and applying it gives the same meeting', () => {
    const steps = history();
    for (let i = 1; i < steps.length; i++) {
      const patch = diffMeeting(steps[i - 1]!, steps[i]!);
      expect(applyMeetingPatch(steps[i - 1]!, i, patch)).toEqual({ ...steps[i]!, version: i });
      // Only the changed entries travel: an answered call is one call, not the list.
      if (i === 6) expect(patch).toEqual({ calls: [steps[i]!.calls[0]] });
    }
  });

  it('a replaced decision moves to the end, as at the hub', () => {
    const m = history()[8]!;
    const next = recordDecision(recordDecision(m, { ...decision('区水利局'), ticketNo: 'T-2' }), decision('区应急局'));
    expect(applyMeetingPatch(m, 1, diffMeeting(m, next)).decisions).toEqual(next.decisions);
  });

  it('a mirror takes the next version, ignores old ones, and asks for the whole meeting after a gap', () => {
    const steps = history().map((m, i) => ({ ...m, version: i + 1 }));
    const mirror = new MeetingMirror();
    const push = (v: number) => ({ meetingId: MID, version: v, patch: diffMeeting(steps[v - 2]!, steps[v - 1]!) });
    expect(mirror.patch(push(2))).toEqual({ fetch: MID }); // never had it
    mirror.snapshot(steps[0]!);
    expect(mirror.patch(push(2)).changed).toEqual(steps[1]);
    expect(mirror.patch(push(2))).toEqual({}); // a repeat
    expect(mirror.patch(push(4))).toEqual({ fetch: MID }); // 3 was missed
    expect(mirror.snapshot(steps[1]!)).toBeUndefined(); // older than what it has
    expect(mirror.snapshot(steps[3]!)).toEqual(steps[3]);
    expect(mirror.patch(push(5)).changed).toEqual(steps[4]);
  });
});
