/**
 * 现场连线 at the hub, over real sockets: links opened and ended as meeting operations (at most three at once,
 * the time live and the cuts added up, a frame into the site reports), signalling relayed only between a link's
 * site and its receivers (not to an uninvited station, another sub-district or a wall the link is not up on),
 * and a grid worker's phone joining with a one-time site link (a second phone, an expired and a replaced link
 * refused with their reasons; the same phone back after it was locked).
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../shared/domain/ticket';
import type { LinkSignalPush, SiteLinkState } from '../../shared/live-link';
import { SITE_KEY_TTL_MS, SITE_NAMESPACE, SITE_SESSION_MS } from '../../shared/live-link';
import { connectMeetingClient, type MeetingClient } from '../../test/support/meeting-client';
import { generateTokens } from '../auth';
import { generateTickets } from '../demo/ticket-generator';
import { startHub, type Hub } from '../hub-server';

const T0 = Date.UTC(2026, 11, 1, 6);
const RENGGANG = '320613003';
const CHENGDONG = '320613001';
const XINGFU = '320613021';
let now = T0;
let hub: Hub;
let tokens: ReturnType<typeof generateTokens>;
const sockets: Socket[] = [];
const tokenOf = (who: string) => tokens.find((t) => (who === 'chair' || who === 'viewer' ? t.role === who : t.stationCode === who))!;

async function join(who: string): Promise<MeetingClient & { heard: LinkSignalPush[] }> {
  const c = await connectMeetingClient(hub.url, tokenOf(who).token);
  sockets.push(c.socket);
  const heard: LinkSignalPush[] = [];
  c.socket.on('linkSignal', (p: LinkSignalPush) => heard.push(p));
  return Object.assign(c, { heard });
}

/** A phone opening the site page: its socket, and what it heard (or why it was refused). */
function phone(key: string, device: string): Promise<{ socket: Socket; states: SiteLinkState[]; heard: LinkSignalPush[] } | { refused: string }> {
  const socket = io(hub.url + SITE_NAMESPACE, { auth: { key, device }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const states: SiteLinkState[] = [];
  const heard: LinkSignalPush[] = [];
  socket.on('link', (s: SiteLinkState) => states.push(s));
  socket.on('signal', (p: LinkSignalPush) => heard.push(p));
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, states, heard }));
    socket.once('connect_error', (e) => resolve({ refused: e.message }));
  });
}

/** Resolves when `p` holds (checked after every socket event and disconnection; no sleeping). socket.io calls
 * catch-all listeners before the event's own, so the check runs once those have run. */
function until<T>(s: Socket, p: () => T | undefined | false): Promise<T> {
  return new Promise((resolve) => {
    const check = () => {
      const v = p();
      if (v) {
        s.offAny(later);
        s.off('disconnect', later);
        resolve(v);
      }
    };
    const later = () => queueMicrotask(check);
    s.onAny(later);
    s.on('disconnect', later);
    check();
  });
}

const meetingId = randomUUID();
beforeEach(async () => {
  now = T0;
  tokens = generateTokens();
  hub = await startHub({ filename: ':memory:', tokens, clock: () => now });
  const recs: TicketRecord[] = generateTickets(4, { now: T0, seed: 3 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: `SITE-${i}`, subDistrictCode: i < 2 ? RENGGANG : CHENGDONG, communityCode: null, status: 'onSite', address: `和平桥 ${i} 号` } }));
  await hub.ingest(recs);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await hub.close();
});

async function meetingWithStations() {
  const renggang = await join(RENGGANG);
  const chengdong = await join(CHENGDONG);
  const chair = await join('chair');
  const agenda = ['SITE-0', 'SITE-1', 'SITE-2', 'SITE-3'].map((ticketNo) => ({ ticketNo, reasons: ['difficult' as const] }));
  expect((await chair.op({ op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda, invitees: { stations: [RENGGANG, CHENGDONG], departments: [], deputies: [] } })).ok).toBe(true);
  await chair.op({ op: 'start', meetingId });
  return { chair, renggang, chengdong };
}

describe('现场连线 at the hub', () => {
  it('records a link: opened, live, cut, live again, ended — with the time it was live and its cuts; at most three at once', async () => {
    const { chair, renggang } = await meetingWithStations();
    const linkId = randomUUID();
    expect(await chair.op({ op: 'linkOpen', meetingId, linkId, stationCode: RENGGANG, ticketNo: 'SITE-0', via: 'console' })).toMatchObject({ ok: true });
    expect(await chair.op({ op: 'linkOpen', meetingId, linkId: randomUUID(), stationCode: RENGGANG, ticketNo: 'SITE-0', via: 'console' })).toMatchObject({ ok: false, error: { reason: 'linkAlreadyOpen' } });
    // A station opens links for its own site only, about agenda tickets only.
    expect(await renggang.op({ op: 'linkOpen', meetingId, linkId: randomUUID(), stationCode: CHENGDONG, ticketNo: 'SITE-2', via: 'console' })).toMatchObject({ ok: false, error: { reason: 'linkOwnSiteOnly' } });
    expect(await chair.op({ op: 'linkOpen', meetingId, linkId: randomUUID(), stationCode: RENGGANG, ticketNo: 'NOT-ON-AGENDA', via: 'console' })).toMatchObject({ ok: false, error: { reason: 'notOnAgenda' } });
    expect(await renggang.op({ op: 'linkState', meetingId, linkId, live: true })).toMatchObject({ ok: false, error: { reason: 'chairOnly' } });

    await chair.op({ op: 'linkState', meetingId, linkId, live: true });
    now += 60_000;
    await chair.op({ op: 'linkState', meetingId, linkId, live: false });
    now += 30_000;
    await chair.op({ op: 'linkState', meetingId, linkId, live: true });
    now += 15_000;
    expect(await renggang.op({ op: 'linkEnd', meetingId, linkId })).toMatchObject({ ok: true });
    const m = await chair.until((x) => x.links[0]?.endedAt !== null && x.links.length === 1);
    expect(m.links[0]).toMatchObject({ connectedAt: T0, liveMs: 75_000, cuts: 1, live: false, endedAt: T0 + 105_000, endedBy: hub.tokens.lookup(tokenOf(RENGGANG).token)!.name });

    for (const [code, ticketNo] of [[RENGGANG, 'SITE-1'], [CHENGDONG, 'SITE-2'], [CHENGDONG, 'SITE-3']] as const) {
      expect(await chair.op({ op: 'linkOpen', meetingId, linkId: randomUUID(), stationCode: code, ticketNo, via: 'console' })).toMatchObject({ ok: true });
    }
    expect(await chair.op({ op: 'linkOpen', meetingId, linkId: randomUUID(), stationCode: RENGGANG, ticketNo: 'SITE-0', via: 'phone' })).toMatchObject({ ok: false, error: { reason: 'tooManyLinks', params: { max: 3 } } });
    // Ending the meeting ends its links.
    await chair.op({ op: 'end', meetingId });
    const ended = await chair.until((x) => x.endedAt !== null);
    expect(ended.links.every((l) => l.endedAt !== null)).toBe(true);
  });

  it('relays signalling between the site and the chair only; the wall hears it only while the link is up on it', async () => {
    const { chair, renggang, chengdong } = await meetingWithStations();
    const viewer = await join('viewer');
    const xingfu = await join(XINGFU); // not invited
    const linkId = randomUUID();
    await chair.op({ op: 'linkOpen', meetingId, linkId, stationCode: RENGGANG, ticketNo: 'SITE-0', via: 'console' });
    const chairId = hub.tokens.lookup(tokenOf('chair').token)!.id;

    // The chair asks the site for an offer; only 任港 (the site) hears it.
    expect(await chair.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'deskA', to: 'site', signal: { kind: 'hello' } })).toEqual({ ok: true, delivered: 1 });
    const hello = await until(renggang.socket, () => renggang.heard[0]);
    expect(hello).toMatchObject({ from: `${chairId}/deskA`, to: 'site', signal: { kind: 'hello' } });
    // The site offers to that screen.
    expect(await renggang.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'cam', to: `${chairId}/deskA`, signal: { kind: 'offer', sdp: 'v=0 offer' } })).toEqual({ ok: true, delivered: 1 });
    expect(await until(chair.socket, () => chair.heard[0])).toMatchObject({ from: 'site', to: `${chairId}/deskA`, signal: { kind: 'offer', sdp: 'v=0 offer' } });

    // Not parties: another invited station, an uninvited one, the wall (link not up on it).
    for (const c of [chengdong, xingfu, viewer]) {
      expect(await c.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'x', to: 'site', signal: { kind: 'hello' } })).toMatchObject({ ok: false, error: { reason: 'notLinkParty' } });
    }
    // The site cannot talk to a station as if it were a receiver: a station's token id has no receiver room.
    expect(await renggang.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'cam', to: `${hub.tokens.lookup(tokenOf(CHENGDONG).token)!.id}/x`, signal: { kind: 'offer', sdp: 'v=0' } })).toEqual({ ok: true, delivered: 0 });
    // Receivers talk to the site only.
    expect(await chair.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'deskA', to: 'receivers', signal: { kind: 'hello' } })).toMatchObject({ ok: false, error: { reason: 'linkWrongEnd' } });

    // Up on the wall: the viewer may ask for the picture and hears the site's messages to every receiver.
    await chair.op({ op: 'linkWall', meetingId, linkId });
    await viewer.until((m) => m.onWall === linkId);
    expect(await viewer.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'wall1', to: 'site', signal: { kind: 'hello' } })).toEqual({ ok: true, delivered: 1 });
    expect(await renggang.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'cam', to: 'receivers', signal: { kind: 'hello' } })).toEqual({ ok: true, delivered: 2 });
    await until(viewer.socket, () => viewer.heard.find((p) => p.to === 'receivers'));
    // Taken down from the wall: the viewer is no party again, and hears nothing more of the site.
    await chair.op({ op: 'linkWall', meetingId, linkId: null });
    await viewer.until((m) => m.onWall === null);
    const heardBefore = viewer.heard.length;
    expect(await viewer.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'wall1', to: 'site', signal: { kind: 'hello' } })).toMatchObject({ ok: false, error: { reason: 'notLinkParty' } });
    // …but may say bye, so that the site lets its picture to that wall go.
    expect(await viewer.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'wall1', to: 'site', signal: { kind: 'bye' } })).toEqual({ ok: true, delivered: 1 });
    await until(renggang.socket, () => renggang.heard.find((p) => p.signal.kind === 'bye'));
    expect(await renggang.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'cam', to: 'receivers', signal: { kind: 'hello' } })).toEqual({ ok: true, delivered: 1 });
    await until(chair.socket, () => chair.heard.filter((p) => p.to === 'receivers').length >= 2);
    expect(viewer.heard.length).toBe(heardBefore);
    // Stations other than the site heard nothing of it all; an ended link carries nothing.
    expect(chengdong.heard).toEqual([]);
    expect(xingfu.heard).toEqual([]);
    await chair.op({ op: 'linkEnd', meetingId, linkId });
    expect(await chair.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'deskA', to: 'site', signal: { kind: 'hello' } })).toMatchObject({ ok: false, error: { reason: 'linkEnded' } });
  });

  it('takes a grid worker’s phone with a one-time site link: one phone only, back after a lock, refused once expired or replaced; its 结束 ends the link', async () => {
    const { chair, renggang, chengdong } = await meetingWithStations();
    const linkId = randomUUID();
    await chair.op({ op: 'linkOpen', meetingId, linkId, stationCode: RENGGANG, ticketNo: 'SITE-0', via: 'phone' });
    expect(await chengdong.socket.emitWithAck('siteKey', { meetingId, linkId })).toMatchObject({ ok: false, error: { reason: 'linkOwnSiteOnly' } });
    const issued = await renggang.socket.emitWithAck('siteKey', { meetingId, linkId });
    expect(issued).toMatchObject({ ok: true, expiresAt: T0 + SITE_KEY_TTL_MS });

    const first = await phone(issued.key, 'phone-of-worker-0001');
    if ('refused' in first) throw new Error(first.refused);
    const state = await until(first.socket, () => first.states[0]);
    expect(state).toMatchObject({ stationName: '任港街道', ticketNo: 'SITE-0', place: '和平桥 0 号', talking: false, endedAt: null, iceServers: [] });
    expect(state.category).toMatch(/^[\u4e00-\u9fff]/); // the category's name, not its code
    expect(await phone(issued.key, 'another-phone-00002')).toEqual({ refused: expect.stringContaining('siteKeyTaken') });

    // The phone offers to every receiver; the chair hears it, 任港's console does not (the phone is the site).
    expect(await first.socket.emitWithAck('signal', { to: 'receivers', signal: { kind: 'hello' } })).toEqual({ ok: true, delivered: 1 });
    await until(chair.socket, () => chair.heard.find((p) => p.from === 'site'));
    expect(await chair.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'deskA', to: 'site', signal: { kind: 'hello' } })).toEqual({ ok: true, delivered: 1 });
    await until(first.socket, () => first.heard[0]);
    expect(await renggang.socket.emitWithAck('linkSignal', { meetingId, linkId, leg: 'cam', to: 'receivers', signal: { kind: 'hello' } })).toMatchObject({ ok: false, error: { reason: 'notLinkParty' } });
    // The chair speaks to it: the phone is told.
    await chair.op({ op: 'linkTalk', meetingId, linkId });
    await until(first.socket, () => first.states.find((s) => s.talking));

    // Locked and back (same phone): taken again even after the key's time to open it has passed.
    first.socket.close();
    now += SITE_KEY_TTL_MS + 1;
    const back = await phone(issued.key, 'phone-of-worker-0001');
    if ('refused' in back) throw new Error(back.refused);
    // A new key replaces it: the phone holding the old one is let go, the old key refused from then on.
    now = T0;
    const told: { error: { reason: string } }[] = [];
    back.socket.on('refused', (r) => told.push(r));
    const fresh = await chair.socket.emitWithAck('siteKey', { meetingId, linkId });
    await until(back.socket, () => !back.socket.connected);
    expect(told).toEqual([{ event: 'siteKey', error: expect.objectContaining({ reason: 'siteKeyReplaced' }) }]);
    expect(await phone(issued.key, 'phone-of-worker-0001')).toEqual({ refused: expect.stringContaining('siteKeyReplaced') });
    now += SITE_KEY_TTL_MS + 1;
    expect(await phone(fresh.key, 'phone-of-worker-0001')).toEqual({ refused: expect.stringContaining('siteKeyExpired') });
    now = T0 + 1000;
    const third = await phone(fresh.key, 'phone-of-worker-0001');
    if ('refused' in third) throw new Error(third.refused);
    // The phone may come back within its session (four hours from its first opening), not after.
    third.socket.close();
    now = T0 + 1000 + SITE_SESSION_MS;
    expect(await phone(fresh.key, 'phone-of-worker-0001')).toEqual({ refused: expect.stringContaining('siteKeySessionOver') });
    now = T0 + 2000;
    const fourth = await phone(fresh.key, 'phone-of-worker-0001');
    if ('refused' in fourth) throw new Error(fourth.refused);
    expect((await until(fourth.socket, () => fourth.states[0])).expiresAt).toBe(T0 + 1000 + SITE_SESSION_MS);
    expect(await fourth.socket.emitWithAck('end', {})).toEqual({ ok: true });
    const m = await chair.until((x) => x.links[0]?.endedAt !== null);
    expect(m.links[0]!.endedBy).toBe('任港街道（现场手机）');
    await until(fourth.socket, () => !fourth.socket.connected);
  });

  it('names the phones’ address of the hub in a site link when it is set, and turns a flood of wrong keys away unread', async () => {
    await hub.close();
    hub = await startHub({ filename: ':memory:', tokens, clock: () => now, siteUrl: 'https://xianchang.example' });
    await hub.ingest(generateTickets(4, { now: T0, seed: 3 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: `SITE-${i}`, subDistrictCode: i < 2 ? RENGGANG : CHENGDONG, communityCode: null } })));
    const { chair } = await meetingWithStations();
    const linkId = randomUUID();
    await chair.op({ op: 'linkOpen', meetingId, linkId, stationCode: RENGGANG, ticketNo: 'SITE-0', via: 'phone' });
    expect(await chair.socket.emitWithAck('siteKey', { meetingId, linkId })).toMatchObject({ ok: true, siteUrl: 'https://xianchang.example' });
    // Twenty wrong keys from one address in a minute: the next is refused before it is looked up.
    for (let i = 0; i < 20; i++) expect(await phone(`site_${'x'.repeat(40)}${i}`, 'phone-of-worker-0001')).toEqual({ refused: expect.stringContaining('siteKeyUnknown') });
    expect(await phone(`site_${'y'.repeat(43)}`, 'phone-of-worker-0001')).toEqual({ refused: expect.stringContaining('too many failed attempts') });
    now += 61_000;
    expect(await phone(`site_${'y'.repeat(43)}`, 'phone-of-worker-0001')).toEqual({ refused: expect.stringContaining('siteKeyUnknown') });
  });

  it('takes a frame of a live link into the ticket’s site reports, photo and all', async () => {
    const { chair, renggang } = await meetingWithStations();
    const linkId = randomUUID();
    await chair.op({ op: 'linkOpen', meetingId, linkId, stationCode: RENGGANG, ticketNo: 'SITE-1', via: 'console' });
    const photo = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==';
    expect(await chair.op({ op: 'linkFrame', meetingId, linkId, photo })).toMatchObject({ ok: false, error: { reason: 'linkNotLive' } });
    await chair.op({ op: 'linkState', meetingId, linkId, live: true });
    const frameId = randomUUID();
    expect(await chair.op({ id: frameId, op: 'linkFrame', meetingId, linkId, photo })).toMatchObject({ ok: true });
    const m = await renggang.until((x) => x.reports.length === 1);
    expect(m.reports[0]).toMatchObject({ stationCode: RENGGANG, ticketNo: 'SITE-1', note: expect.stringContaining('现场连线截图 14:00:00'), photoIds: [`${frameId}/0`] });
    expect(await renggang.socket.emitWithAck('meetingPhoto', { meetingId, photoId: `${frameId}/0` })).toEqual({ ok: true, dataUrl: photo });
  });
});
