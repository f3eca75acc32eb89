/**
 * The live link's two ends as state machines, on a stand-in peer connection and fake timers: what each says when,
 * how each comes back after a cut, and when each gives up.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkSignalBody, LinkSignalPush } from '../../../shared/live-link';
import { FakePeer, installFakePeers } from '../../test-support/fake-peer';
import { LinkReceiver, type ReceiverState } from './link-receiver';
import { SiteSender, type SiteSenderState } from './site-sender';

const M = '11111111-1111-4111-8111-111111111111';
const L = '22222222-2222-4222-8222-222222222222';
const fromSite = (signal: LinkSignalBody, to = 'tok/leg1'): LinkSignalPush => ({ meetingId: M, linkId: L, from: 'site', to, signal });
const fromReceiver = (signal: LinkSignalBody, from = 'tok/leg1'): LinkSignalPush => ({ meetingId: M, linkId: L, from, to: 'site', signal });

let undo: () => void;
beforeEach(() => {
  vi.useFakeTimers();
  undo = installFakePeers();
});
afterEach(() => {
  vi.useRealTimers();
  undo();
});

function receiver(speaks = true) {
  const sent: LinkSignalBody[] = [];
  const states: ReceiverState[] = [];
  const r = new LinkReceiver({ leg: 'leg1', send: async (s) => void sent.push(s), iceServers: () => [], onStream: () => undefined, onState: (s) => states.push(s), speaks });
  return { r, sent, states, kinds: () => sent.map((s) => s.kind) };
}

describe('the receiver’s end (a chair’s tile, a wall)', () => {
  it('says hello every 5 s while it waits, answers the site’s offer, and is quiet once live', async () => {
    const { r, kinds, states } = receiver();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(kinds()).toEqual(['hello', 'hello']);
    await r.handle(fromSite({ kind: 'offer', sdp: 'o' }));
    expect(kinds().at(-1)).toBe('answer');
    expect(states).toEqual(['connecting']);
    FakePeer.made[0]!.ice('connected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(kinds().filter((k) => k === 'hello')).toHaveLength(2);
    expect(states).toEqual(['connecting', 'live']);
    r.close();
  });

  it('says hello again when connecting gets nowhere (an answer lost) or a cut lasts (the site forgot it)', async () => {
    const { r, kinds } = receiver();
    await r.handle(fromSite({ kind: 'offer', sdp: 'o' }));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(kinds().filter((k) => k === 'hello').length).toBeGreaterThanOrEqual(1);
    FakePeer.made[0]!.ice('connected');
    const before = kinds().length;
    FakePeer.made[0]!.ice('disconnected');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(kinds().length).toBe(before); // the site's own ICE restarts come first
    await vi.advanceTimersByTimeAsync(10_000);
    expect(kinds().slice(before)).toContain('hello');
    r.close();
  });

  it('drops its peer on the site’s bye and waits again; a wall’s end never sends a voice line', async () => {
    const desk = receiver();
    await desk.r.handle(fromSite({ kind: 'offer', sdp: 'o' }));
    expect(FakePeer.made[0]!.getTransceivers()[0]!.direction).toBe('sendrecv');
    await desk.r.handle(fromSite({ kind: 'bye' }));
    expect([FakePeer.made[0]!.closed, desk.r.current]).toEqual([true, 'waiting']);
    const wall = receiver(false);
    await wall.r.handle(fromSite({ kind: 'offer', sdp: 'o' }));
    expect(FakePeer.made[1]!.getTransceivers()[0]!.direction).toBe('recvonly');
    // Messages to another screen's leg are not its own.
    await wall.r.handle(fromSite({ kind: 'bye' }, 'tok/leg2'));
    expect(wall.r.current).toBe('connecting');
    desk.r.close();
    wall.r.close();
  });
});

function site() {
  const sent: { to: string; signal: LinkSignalBody }[] = [];
  const states: SiteSenderState[] = [];
  const stream = { getTracks: () => [{ kind: 'video' }, { kind: 'audio' }] } as unknown as MediaStream;
  const s = new SiteSender(stream, { send: async (to, signal) => void sent.push({ to, signal }), iceServers: () => [], onState: (x) => states.push(x) });
  return { s, sent, states };
}

describe('the site’s end (a station’s console, a phone)', () => {
  it('offers to each receiver that says hello, on a peer of its own, and keeps a connected one that says hello again', async () => {
    const { s, sent } = site();
    await s.handle(fromReceiver({ kind: 'hello' }, 'tok/a'));
    await s.handle(fromReceiver({ kind: 'hello' }, 'tok/b'));
    expect(sent.map((x) => [x.to, x.signal.kind])).toEqual([['tok/a', 'offer'], ['tok/b', 'offer']]);
    await s.handle(fromReceiver({ kind: 'answer', sdp: 'a' }, 'tok/a'));
    FakePeer.made[0]!.ice('connected');
    await s.handle(fromReceiver({ kind: 'hello' }, 'tok/a'));
    expect(FakePeer.made).toHaveLength(2);
    expect(FakePeer.made[0]!.closed).toBe(false);
    await s.stop();
  });

  it('after a cut restarts ICE by itself — after a 2 s grace, then every 2 s — and lets a receiver go after a minute down', async () => {
    const { s, sent, states } = site();
    await s.handle(fromReceiver({ kind: 'hello' }, 'tok/a'));
    await s.handle(fromReceiver({ kind: 'answer', sdp: 'a' }, 'tok/a'));
    const pc = FakePeer.made[0]!;
    pc.ice('connected');
    pc.ice('disconnected');
    expect(states.at(-1)).toMatchObject({ cut: true });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(pc.offers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pc.offers.at(-1)).toEqual({ iceRestart: true });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(pc.offers.length).toBe(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect([pc.closed, s.receivers]).toEqual([true, []]);
    expect(sent.filter((x) => x.signal.kind === 'offer').length).toBeGreaterThan(20);
    await s.stop();
  });

  it('restarts at once on a failed link, stops restarting once connected again, and says bye to every receiver when it stops', async () => {
    const { s, sent } = site();
    await s.handle(fromReceiver({ kind: 'hello' }, 'tok/a'));
    await s.handle(fromReceiver({ kind: 'answer', sdp: 'a' }, 'tok/a'));
    const pc = FakePeer.made[0]!;
    pc.ice('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.offers.at(-1)).toEqual({ iceRestart: true });
    pc.ice('connected');
    const n = pc.offers.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(pc.offers.length).toBe(n);
    await s.stop();
    expect(sent.at(-1)).toEqual({ to: 'tok/a', signal: { kind: 'bye' } });
    expect(pc.closed).toBe(true);
  });
});
