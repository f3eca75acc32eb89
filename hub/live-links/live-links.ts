/**
 * The hub's side of 现场连线: relays a live link's signalling between its ends (link-parties.ts says who they
 * are), issues one-time site keys and ICE servers, and serves the phones' namespace — a phone holding a key hears
 * its own link only, and its 结束 ends the link as its station. Nothing of the signalling is stored; the link's
 * start, state and end are meeting operations (link-rules.ts), stored and pushed like every other.
 */
import { randomUUID } from 'node:crypto';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Meeting, MeetingAck } from '../../shared/hub-meeting';
import type { HubError, HubIdentity } from '../../shared/hub-protocol';
import { SiteHandshake, SITE_NAMESPACE, type IceAnswer, type LinkSignalAck, type LinkSignalBody, type LinkSignalPush, type SiteKeyAnswer, type SiteLinkState } from '../../shared/live-link';
import { siteContract } from '../../shared/site-contract';
import { subDistrictName } from '../../shared/domain/divisions';
import { labelOr } from '../../shared/i18n/catalogue';
import type { TicketRecord } from '../../shared/domain/ticket';
import type { AuditQueue } from '../audit-log';
import type { Gate } from '../gate';
import { RATE_LIMITED } from '../gate';
import type { HubMeetings } from '../meetings';
import type { HubStore } from '../store/hub-store';
import { serveSocketContract } from '../socket-contract';
import { iceServersFor, type TurnConfig } from './ice-servers';
import { chairRoom, openLink, phoneRoom, ROLE_CHAIR_ROOM, ROLE_VIEWER_ROOM, roomsFor, sideOf, viewerRoom, type LinkCaller, type LinkRefusal } from './link-parties';
import { SiteKeys, type SiteClaim } from './site-keys';

/** A phone's connection: its claim, who it is in the audit trail, the ticket's place (read once, when it joins),
 * and the state it was last sent (it is sent again only when that changes). */
type PhoneData = { claim: SiteClaim; address: string; who: HubIdentity; place: string; category: string; sent?: string };

export type LiveLinksDeps = {
  io: Server;
  nsp: Namespace;
  meetings: HubMeetings;
  store: HubStore;
  gate: Gate;
  audit: AuditQueue;
  clock: () => number;
  log: (line: string) => void;
  turn?: TurnConfig;
  /** Where phones reach the hub (LIANDONG_SITE_URL: an address they can reach, with a certificate they trust);
   * the site links name it. Unset: the consoles' own address of the hub. */
  siteUrl?: string;
};

const isRefusal = (x: unknown): x is LinkRefusal => typeof x === 'object' && x !== null && 'reason' in x && 'code' in x;
const fail = (e: LinkRefusal | HubError) => ({ ok: false as const, error: { code: e.code, message: e.message, ...(e.reason ? { reason: e.reason } : {}) } as HubError });

export type LiveLinks = {
  /** A token's connection on the main namespace: the rooms its screens hear links in. */
  joined(socket: Socket, who: HubIdentity): void;
  signal(input: { meetingId: string; linkId: string; leg: string; to: string; signal: LinkSignalBody }, who: HubIdentity): Promise<LinkSignalAck>;
  ice(who: HubIdentity): Promise<IceAnswer>;
  siteKey(input: { meetingId: string; linkId: string }, who: HubIdentity, address: string | null): Promise<SiteKeyAnswer>;
  close(): void;
};

export function attachLiveLinks(d: LiveLinksDeps): LiveLinks {
  const keys = new SiteKeys(d.store.db, d.clock);
  const phones: Namespace = d.io.of(SITE_NAMESPACE);

  /** Relay one message from `caller` (its end `from`) on a link; how many connections it reached. */
  const relay = async (caller: LinkCaller, meetingId: string, linkId: string, leg: string, to: string, signal: LinkSignalBody): Promise<LinkSignalAck> => {
    const m = await d.meetings.find(meetingId);
    const link = openLink(m, linkId);
    if (isRefusal(link)) return fail(link);
    // A viewer whose wall the link has left may still say bye (the site then lets its picture to that wall go).
    const leaving = caller.kind === 'token' && caller.who.role === 'viewer' && signal.kind === 'bye' && to === 'site';
    const side = sideOf(m!, link, caller) ?? (leaving ? 'receiver' : null);
    if (!side) return fail({ code: 'unauthorized', message: '不是该连线的参与方 (not a party of this link)', reason: 'notLinkParty' });
    const rooms = roomsFor(m!, link, side, to);
    if (isRefusal(rooms)) return fail(rooms);
    const from = side === 'site' ? 'site' : `${caller.kind === 'token' ? caller.who.id : 'phone'}/${leg}`;
    const push: LinkSignalPush = { meetingId, linkId, from, to, signal };
    let delivered = 0;
    if (rooms.main.length) {
      delivered += roomSize(d.nsp, rooms.main);
      d.nsp.to(rooms.main).emit('linkSignal', push);
    }
    if (rooms.phone.length) {
      delivered += roomSize(phones, rooms.phone);
      phones.to(rooms.phone).emit('signal', push);
    }
    return { ok: true, delivered };
  };

  /** What a phone is shown of its link. */
  const stateFor = (m: Meeting, p: PhoneData): SiteLinkState | undefined => {
    const link = m.links.find((l) => l.id === p.claim.linkId);
    if (!link) return undefined;
    const claim = p.claim;
    return {
      meetingTitle: m.title,
      stationName: subDistrictName(link.stationCode),
      ticketNo: link.ticketNo,
      place: p.place,
      category: p.category,
      talking: m.talkTo === link.id,
      endedAt: m.endedAt ?? link.endedAt,
      expiresAt: claim.sessionEndsAt,
      // The phone's TURN credential ends with its time on the key.
      iceServers: iceServersFor(d.turn, `site-${link.id}`, d.clock(), claim.sessionEndsAt).iceServers,
    };
  };

  // Phones: the key is checked before the connection is taken; a phone hears its link's state from then on.
  phones.use((socket, next) => {
    const hs = SiteHandshake.safeParse(socket.handshake.auth);
    const address = socket.handshake.address;
    // Failed keys count per address with failed logins: past the limit a phone's key is refused before it is read.
    if (d.gate.blocked(address)) return next(new Error('unavailable: 尝试次数过多，请一分钟后再试 (too many failed attempts from this address)'));
    if (!hs.success) return (d.gate.siteRefused(address), next(new Error('unauthorized: 连线链接无效，请重新扫描二维码 (a site link key and the phone’s id are needed)')));
    void (async () => {
      const claim = await keys.claim(hs.data.key, hs.data.device);
      // Only a key the hub never issued counts against the address (a stale QR code scanned again is no guess).
      if (!claim.ok && claim.reason === 'siteKeyUnknown') d.gate.siteRefused(address);
      const who: HubIdentity = { id: claim.ok ? `site-${claim.linkId}` : 'site', role: 'station', stationCode: null, name: '现场手机', expiresAt: null };
      if (!claim.ok) {
        d.audit.add({ at: d.clock(), tokenId: null, who: '现场手机', role: null, address, kind: 'site.refused', ticketNo: null, digest: null, result: `${claim.reason}: ${claim.message}` });
        return next(new Error(`${claim.reason}: ${claim.message}`));
      }
      const m = await d.meetings.find(claim.meetingId);
      const link = openLink(m, claim.linkId);
      if (isRefusal(link)) return next(new Error(`${link.reason}: ${link.message}`));
      who.stationCode = link.stationCode;
      who.name = `${subDistrictName(link.stationCode)}（现场手机）`;
      const body = await d.store.getBody(link.ticketNo);
      const t = body ? (JSON.parse(body) as TicketRecord).ticket : undefined;
      (socket.data as PhoneData) = { claim, address, who, place: t?.address ?? '', category: t ? labelOr('zh-CN', `category.${t.category}`, t.category) : '' };
      d.audit.add({ at: d.clock(), tokenId: who.id, who: who.name, role: 'station', address, kind: 'site.joined', ticketNo: link.ticketNo, digest: null, result: `ok (link ${link.id}, meeting ${claim.meetingId})` });
      next();
    })().catch((e: unknown) => {
      d.log(`site link: ${e instanceof Error ? e.message : String(e)}`);
      next(new Error('internal: 暂时无法核对连线链接，正在重试 (the hub could not check the site link)'));
    });
  });

  phones.on('connection', (socket: Socket) => {
    const data = socket.data as PhoneData;
    // A key replaced while this phone's handshake was under way: let it go with the reason.
    void keys.claim(String((socket.handshake.auth as { key?: unknown }).key ?? ''), String((socket.handshake.auth as { device?: unknown }).device ?? '')).then((still) => {
      if (still.ok) return;
      socket.emit('refused', { event: 'connect', error: { code: 'unauthorized', message: still.message, reason: still.reason } });
      socket.disconnect(true);
    }, (e: unknown) => d.log(`site link recheck: ${String(e)}`));
    void socket.join(phoneRoom(data.claim.linkId));
    // The phone's time with the key ends: it is let go (it comes back to be refused with the reason).
    const sessionOver = setTimeout(() => socket.disconnect(true), Math.max(0, data.claim.sessionEndsAt - d.clock()));
    socket.once('disconnect', () => clearTimeout(sessionOver));
    serveSocketContract(socket, siteContract, data, {
      signal: (input, c) => relay({ kind: 'phone', linkId: c.claim.linkId }, c.claim.meetingId, c.claim.linkId, 'phone', input.to, input.signal),
      end: async (_input, c) => {
        const ack: MeetingAck = await d.meetings.apply({ id: randomUUID(), op: 'linkEnd', meetingId: c.claim.meetingId, linkId: c.claim.linkId }, { ...c.who, role: 'station' }, c.address);
        return ack.ok ? { ok: true as const } : { ok: false as const, error: ack.error };
      },
    }, {
      // Every message is for the phone's own link (its claim names it); its time is kept by the timer above, a
      // replaced key by siteKey (the phone is let go where the new key is issued).
      admit: () => null,
      take: (c) => (d.gate.take(c.who) ? null : { code: 'unavailable', message: RATE_LIMITED, reason: 'rateLimited' }),
      log: d.log,
      name: (c) => c.who.name,
      invalid: (method, c, error) => d.audit.add({ at: d.clock(), tokenId: c.who.id, who: c.who.name, role: 'station', address: c.address, kind: `site.${method}.invalid`, ticketNo: null, digest: null, result: `${error.code}: ${error.message}` }),
    });
    void (async () => {
      const m = await d.meetings.find(data.claim.meetingId);
      if (m && socket.connected) tell(socket, m);
    })().catch((e: unknown) => d.log(`site link state: ${String(e)}`));
  });

  /** Send a phone its link's state if it changed since it was last sent; let it go once the link has ended. */
  const tell = (socket: Socket, m: Meeting) => {
    const data = socket.data as PhoneData;
    const state = stateFor(m, data);
    if (!state) return;
    const key = `${state.talking}|${state.endedAt}`;
    if (key !== data.sent) {
      data.sent = key;
      socket.emit('link', state);
    }
    // Let go once the answers of the change's batch are sent (its own 结束 is answered first).
    if (state.endedAt !== null) setImmediate(() => socket.disconnect(true));
  };

  // A meeting changed (every change of every meeting comes here: nothing is read for it): the phones of its phone
  // links are told when their state changed. (A replaced key lets its phone go where the key is issued: siteKey.)
  const offChange = d.meetings.onChange((m) => {
    for (const link of m.links) {
      if (link.via !== 'phone') continue;
      for (const id of phones.adapter.rooms.get(phoneRoom(link.id)) ?? []) {
        const socket = phones.sockets.get(id);
        if (socket) tell(socket, m);
      }
    }
  });

  return {
    joined(socket, who) {
      if (who.role === 'chair') void socket.join([ROLE_CHAIR_ROOM, chairRoom(who.id)]);
      if (who.role === 'viewer') void socket.join([ROLE_VIEWER_ROOM, viewerRoom(who.id)]);
    },
    signal: (input, who) => relay({ kind: 'token', who }, input.meetingId, input.linkId, input.leg, input.to, input.signal),
    async ice(who) {
      if (who.role === 'ingest') return fail({ code: 'unauthorized', message: '接入账号不参与连线 (an ingest token takes no part in links)', reason: 'roleCannotAct' });
      return { ok: true, ...iceServersFor(d.turn, who.id, d.clock()) };
    },
    async siteKey(input, who, address) {
      const m = await d.meetings.find(input.meetingId);
      const link = openLink(m, input.linkId);
      if (isRefusal(link)) return fail(link);
      const allowed = who.role === 'chair' || (who.role === 'station' && who.stationCode === link.stationCode);
      if (!allowed) return fail({ code: 'unauthorized', message: '只有主持人或该街道可以生成现场连线链接 (the chair or the site’s station only)', reason: 'linkOwnSiteOnly' });
      if (link.via !== 'phone') return fail({ code: 'badRequest', message: '该连线不是手机连线 (not a phone link)', reason: 'notPhoneLink' });
      const issued = await keys.issue(input.meetingId, input.linkId);
      d.audit.add({ at: d.clock(), tokenId: who.id, who: who.name, role: who.role, address, kind: 'site.key', ticketNo: link.ticketNo, digest: null, result: `ok (link ${link.id}, valid until ${new Date(issued.expiresAt).toISOString()})` });
      // Phones holding the link's earlier key are told why and let go (a moment later: the phone says bye to the
      // chair's screens first, so its picture stops at once).
      for (const id of phones.adapter.rooms.get(phoneRoom(link.id)) ?? []) {
        const socket = phones.sockets.get(id);
        socket?.emit('refused', { event: 'siteKey', error: { code: 'unauthorized', message: '该连线链接已被新的链接取代 (a newer site link replaced this one)', reason: 'siteKeyReplaced' } });
        setTimeout(() => socket?.disconnect(true), 1000);
      }
      return { ok: true, ...issued, ...(d.siteUrl ? { siteUrl: d.siteUrl } : {}) };
    },
    close() {
      offChange();
      phones.disconnectSockets(true);
    },
  };
}

/** Connections in these rooms on this node (each counted once). */
function roomSize(nsp: Namespace, rooms: string[]): number {
  const ids = new Set<string>();
  for (const r of rooms) for (const id of nsp.adapter.rooms.get(r) ?? []) ids.add(id);
  return ids.size;
}
