import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../shared/hub-meeting';
import type { LinkSignalPush } from '../../../shared/live-link';
import type { CallContext } from '../../../shared/rpc/define';
import { LiveLinkRelay } from './live-link-relay';

const MEETING = '11111111-1111-4111-8111-111111111111';
const ON_WALL = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const desk: CallContext = { transport: 'websocket', peer: 'desk', access: 'desk' };
const wall: CallContext = { transport: 'websocket', peer: 'wall', access: 'wall' };

function relay() {
  const listeners: ((raw: unknown) => void)[] = [];
  const calls: unknown[] = [];
  const heard: { push: LinkSignalPush; desk: boolean; wall: boolean }[] = [];
  const r = new LiveLinkRelay({
    link: {
      connected: true,
      on: ((_: string, l: (raw: unknown) => void) => (listeners.push(l), () => undefined)) as never,
      call: (async (method: string, input: unknown) => (calls.push({ method, input }), method === 'siteKey' ? { ok: true, key: 'site_' + 'k'.repeat(40), expiresAt: 5 } : { ok: true, delivered: 1 })) as never,
    },
    meetings: { current: (id: string) => (id === MEETING ? ({ onWall: ON_WALL } as Meeting) : undefined) },
    publish: (push, to) => heard.push({ push, desk: to(desk), wall: to(wall) }),
    hubUrl: 'https://hub.district.local:7345/',
  });
  return { r, hub: (raw: unknown) => listeners.forEach((l) => l(raw)), calls, heard };
}

const push = (linkId: string): LinkSignalPush => ({ meetingId: MEETING, linkId, from: 'site', to: 'receivers', signal: { kind: 'hello' } });

describe('the console relaying live-link signalling', () => {
  it('lets a wall screen hear and ask for the link up on the wall only; desk screens hear every link', async () => {
    const { r, hub, heard, calls } = relay();
    hub(push(ON_WALL));
    hub(push(OTHER));
    hub({ meetingId: MEETING, linkId: OTHER, from: 'nobody', to: 'site', signal: { kind: 'hello' } }); // not a valid end: dropped
    expect(heard.map((h) => [h.push.linkId, h.desk, h.wall])).toEqual([
      [ON_WALL, true, true],
      [OTHER, true, false],
    ]);
    await expect(r.signal({ meetingId: MEETING, linkId: ON_WALL, leg: 'wall1', to: 'site', signal: { kind: 'hello' } }, wall)).resolves.toEqual({ delivered: 1 });
    await expect(r.signal({ meetingId: MEETING, linkId: OTHER, leg: 'wall1', to: 'site', signal: { kind: 'hello' } }, wall)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(r.signal({ meetingId: MEETING, linkId: OTHER, leg: 'desk1', to: 'site', signal: { kind: 'hello' } }, desk)).resolves.toEqual({ delivered: 1 });
    expect(calls).toHaveLength(2);
  });

  it('keeps each screen to its own leg: a wall screen can neither speak as the desk’s leg nor hear what is meant for it', async () => {
    const { r, hub, heard } = relay();
    await r.signal({ meetingId: MEETING, linkId: ON_WALL, leg: 'desk1', to: 'site', signal: { kind: 'hello' } }, desk);
    await r.signal({ meetingId: MEETING, linkId: ON_WALL, leg: 'wall1', to: 'site', signal: { kind: 'hello' } }, wall);
    await expect(r.signal({ meetingId: MEETING, linkId: ON_WALL, leg: 'desk1', to: 'site', signal: { kind: 'bye' } }, wall)).rejects.toMatchObject({ code: 'unauthorized', reason: 'linkWrongEnd' });
    await expect(r.signal({ meetingId: MEETING, linkId: ON_WALL, leg: 'desk2', to: 'site', signal: { kind: 'hello' } }, desk)).rejects.toMatchObject({ reason: 'linkWrongEnd' });
    hub({ meetingId: MEETING, linkId: ON_WALL, from: 'site', to: 'tok-1/desk1', signal: { kind: 'offer', sdp: 'v=0' } });
    hub({ meetingId: MEETING, linkId: ON_WALL, from: 'site', to: 'tok-1/wall1', signal: { kind: 'offer', sdp: 'v=0' } });
    expect(heard.map((h) => [h.push.to, h.desk, h.wall])).toEqual([
      ['tok-1/desk1', true, false],
      ['tok-1/wall1', false, true],
    ]);
  });

  it('makes the phone’s one-time address from the hub’s own', async () => {
    const { r } = relay();
    expect(await r.siteKey(MEETING, OTHER)).toEqual({ url: `https://hub.district.local:7345/site/#site_${'k'.repeat(40)}`, expiresAt: 5 });
  });
});
