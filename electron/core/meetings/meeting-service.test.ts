/**
 * The console keeps its meetings in step with the hub: whole on connecting, then patch by patch (shown at
 * once, stored for a restart); a missed version makes it ask for the whole meeting; a malformed push is
 * refused and loses nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db/open';
import { listMeetings } from '../../../db/queries/meetings';
import type { Meeting, MeetingPatchPush } from '../../../shared/hub-meeting';
import type { Outbox } from '../sync/outbox';
import { MeetingService } from './meeting-service';

const NOW = Date.UTC(2026, 10, 30, 2);
const RENGGANG = '320613003';
const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: '11111111-1111-4111-8111-111111111111',
  version: 3,
  kind: 'onlineCheck',
  title: '线上核查点调会',
  chair: '区指挥中心',
  createdAt: NOW,
  startedAt: NOW,
  endedAt: null,
  agenda: [{ ticketNo: 'T-1', reasons: ['difficult'] }, { ticketNo: 'T-2', reasons: ['cross'] }],
  current: 0,
  invitees: { stations: [RENGGANG], departments: [], deputies: [] },
  attendance: [{ stationCode: RENGGANG, present: true, joinedAt: NOW, answeredRollCallAt: null }],
  rollCallAt: null,
  calls: [],
  reports: [],
  decisions: [],
  links: [],
  talkTo: null,
  onWall: null,
  ...over,
});

/** A hub link the test drives: pushes on demand, 'meetingGet' answered with what the hub "has". */
function fakeLink(hubHas: () => Meeting) {
  const listeners = new Map<string, Set<(raw: unknown) => void>>();
  const asked: unknown[] = [];
  return {
    asked,
    push: (event: 'meeting' | 'meetingPatch', raw: unknown) => listeners.get(event)?.forEach((l) => l(raw)),
    link: {
      connected: true,
      on: (event: string, l: (raw: unknown) => void) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(l);
        return () => listeners.get(event)!.delete(l);
      },
      call: async (event: string, body: unknown) => {
        asked.push({ event, body });
        return event === 'meetingGet' ? { ok: true, meeting: hubHas() } : { ok: true, version: 1, duplicate: false };
      },
    },
  };
}

let store: Store | undefined;
afterEach(async () => {
  await store?.destroy();
  store = undefined;
});

describe('the console follows a meeting', () => {
  it('applies patches in order, fetches the whole meeting after a gap, and refuses a malformed push', async () => {
    store = await openStore({ filename: ':memory:' });
    const atHub = meeting({ version: 6, current: 1, calls: [{ id: randomUUID(), stationCode: RENGGANG, ticketNo: 'T-2', calledAt: NOW + 5, answeredAt: null, answer: null }] });
    const hub = fakeLink(() => atHub);
    const seen: Meeting[] = [];
    const logged: string[] = [];
    const svc = new MeetingService({ store, link: hub.link as never, outbox: {} as Outbox, clock: () => NOW, onChanged: (m) => seen.push(m), minutesDir: '/nonexistent', log: (l) => logged.push(l) });
    const stored = async () => (await svc.list())[0];

    hub.push('meeting', meeting());
    await expect.poll(() => seen.map((m) => m.version)).toEqual([3]);
    const v4: MeetingPatchPush = { meetingId: meeting().id, version: 4, patch: { set: { rollCallAt: NOW + 1 } } };
    hub.push('meetingPatch', v4);
    hub.push('meetingPatch', v4); // a repeat changes nothing
    await expect.poll(stored).toMatchObject({ version: 4, rollCallAt: NOW + 1 });
    await expect.poll(() => seen.map((m) => m.version)).toEqual([3, 4]);

    // Version 5 never came: at 6 the console asks for the meeting whole.
    hub.push('meetingPatch', { meetingId: meeting().id, version: 6, patch: { set: { current: 1 } } });
    await expect.poll(stored).toEqual(atHub);
    expect(hub.asked).toEqual([{ event: 'meetingGet', body: { meetingId: meeting().id } }]);

    hub.push('meetingPatch', { meetingId: 'not-a-uuid', version: 'seven', patch: null });
    expect(logged.some((l) => l.startsWith('meeting patch refused'))).toBe(true);
    expect(await stored()).toEqual(atHub);
    // Closing stores what it follows: a restarted console starts from it.
    await svc.close();
    expect(await listMeetings(store, 10)).toEqual([atHub]);
  });
});
