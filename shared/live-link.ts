/**
 * 现场连线 — the live link from the site into a dispatch meeting: what the meeting records of a link, and the
 * signalling the hub relays between its ends. Media (WebRTC) flow directly between the ends; the hub carries
 * only the offers, answers and ICE candidates, and only between the parties of that link (docs/live-link.md).
 *
 * A link has one **site** (the end that sends the camera: a station's console, or a grid worker's phone that
 * opened a one-time site link) and **receivers**: the chair's screens, and a wall the chair put the link up on.
 * The site offers (and restarts ICE after a cut); a receiver asks for an offer with `hello`.
 */
import { z } from 'zod';
import { TicketNo } from './domain/ticket';
import { HubError } from './hub-protocol';

const StationCode = z.string().regex(/^\d{9}$/, 'a sub-district code (9 digits)');
const epochMs = z.number().int().nonnegative();

/** Links live at once in one meeting: the chair's screen shows each as a tile (the seed's meeting linked three). */
export const MAX_LIVE_LINKS = 3;
/** Links a meeting keeps in all (open and ended): a meeting's snapshot stays small and readable by every console. */
export const MAX_LINKS_PER_MEETING = 500;
/** How long a one-time site link may be opened after it was made (a new one can be made at any time). */
export const SITE_KEY_TTL_MS = 30 * 60_000;
/** How long a phone may use a site link from when it first opened it (back after a lock or a reload within it). */
export const SITE_SESSION_MS = 4 * 3600_000;
/** How long TURN credentials the hub issues stay valid. */
export const TURN_CREDENTIAL_TTL_MS = 12 * 3600_000;

/** Where the site's camera is: the station's console, or a phone that opened a one-time site link. */
export const LINK_VIA = ['console', 'phone'] as const;
export const LinkVia = z.enum(LINK_VIA);
export type LinkVia = z.infer<typeof LinkVia>;

/** A link as the meeting records it: opened, live (media at the chair) or cut, and for how long it was live. */
export const SiteLink = z.object({
  id: z.uuid(),
  stationCode: StationCode,
  ticketNo: TicketNo,
  via: LinkVia,
  openedAt: epochMs,
  openedBy: z.string().max(100),
  /** Media reach the chair now (as the chair's console reports it). */
  live: z.boolean(),
  /** First media at the chair. */
  connectedAt: epochMs.nullable(),
  /** Since when it is live (null when not), and the time it was live before that. */
  liveSince: epochMs.nullable(),
  liveMs: z.number().int().nonnegative(),
  /** Times the media stopped while the link was open (a network cut, a phone locked). */
  cuts: z.number().int().nonnegative(),
  endedAt: epochMs.nullable(),
  endedBy: z.string().max(100).nullable(),
});
export type SiteLink = z.infer<typeof SiteLink>;

/** How long a link has been live, as of `now`. */
export const liveFor = (l: SiteLink, now: number): number => l.liveMs + (l.liveSince !== null ? Math.max(0, now - l.liveSince) : 0);
export const isOpen = (l: SiteLink): boolean => l.endedAt === null;

const sdp = z.string().min(1).max(64_000);
/** One signalling message of WebRTC's offer/answer exchange (RTCSessionDescriptionInit / RTCIceCandidateInit). */
export const LinkSignalBody = z.discriminatedUnion('kind', [
  /** A receiver asks the site for an offer (on joining, after reloading); the site says it is (back) up. */
  z.object({ kind: z.literal('hello') }),
  z.object({ kind: z.literal('offer'), sdp }),
  z.object({ kind: z.literal('answer'), sdp }),
  z.object({ kind: z.literal('candidate'), candidate: z.string().max(2000), sdpMid: z.string().max(100).nullable(), sdpMLineIndex: z.number().int().min(0).max(100).nullable() }),
  /** This end leaves the link (its peer connection closed). */
  z.object({ kind: z.literal('bye') }),
]);
export type LinkSignalBody = z.infer<typeof LinkSignalBody>;

/** An end of a link: `site`, or a receiver — a token's screen, `<token id>/<leg>` (the leg: one page's own id). */
export const LinkEnd = z.string().min(1).max(120).regex(/^(site|[A-Za-z0-9_-]{1,80}\/[A-Za-z0-9_-]{1,36})$/, 'site, or <token id>/<leg>');
/** A leg: the page's own name for its end of links (a random id made when the page loads). */
export const LinkLeg = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/);

/** socket.io 'linkSignal' (client → hub, with ack): to the site, to every receiver, or to one receiver. */
export const LinkSignalRequest = z.object({
  meetingId: z.uuid(),
  linkId: z.uuid(),
  /** The sender's leg (a receiver's; a site's console sends its own too, the hub names it `site`). */
  leg: LinkLeg,
  to: z.union([z.literal('receivers'), LinkEnd]),
  signal: LinkSignalBody,
});
export type LinkSignalRequest = z.infer<typeof LinkSignalRequest>;

/** socket.io 'linkSignal' (hub → client): a message from one end of a link, for `to`. */
export const LinkSignalPush = z.object({ meetingId: z.uuid(), linkId: z.uuid(), from: LinkEnd, to: z.union([z.literal('receivers'), LinkEnd]), signal: LinkSignalBody });
export type LinkSignalPush = z.infer<typeof LinkSignalPush>;

export const LinkSignalAck = z.union([z.object({ ok: z.literal(true), delivered: z.number().int().nonnegative() }), z.object({ ok: z.literal(false), error: HubError })]);
export type LinkSignalAck = z.infer<typeof LinkSignalAck>;

/** An ICE server as RTCPeerConnection takes it (TURN only: no public STUN; host candidates need none). */
export const IceServer = z.object({ urls: z.array(z.string().regex(/^turns?:[^\s]{1,200}$/)).min(1).max(4), username: z.string().max(200), credential: z.string().max(200) });
export type IceServer = z.infer<typeof IceServer>;
export const IceAnswer = z.union([z.object({ ok: z.literal(true), iceServers: z.array(IceServer).max(2), expiresAt: epochMs.nullable() }), z.object({ ok: z.literal(false), error: HubError })]);
export type IceAnswer = z.infer<typeof IceAnswer>;

/** socket.io 'siteKey' (chair, or the link's station; with ack): a one-time site link for a phone link's phone. */
export const SiteKeyRequest = z.object({ meetingId: z.uuid(), linkId: z.uuid() });
/** `siteUrl`: where phones reach the hub, when the hub is told (LIANDONG_SITE_URL); else the console's own address of it. */
export const SiteKeyAnswer = z.union([
  z.object({ ok: z.literal(true), key: z.string().min(32).max(100), expiresAt: epochMs, siteUrl: z.url({ protocol: /^https?$/ }).max(300).optional() }),
  z.object({ ok: z.literal(false), error: HubError }),
]);
export type SiteKeyAnswer = z.infer<typeof SiteKeyAnswer>;

/** The phone's handshake on the hub's site namespace: the one-time key, and the phone's own id (kept by the page,
 * so the same phone comes back after it was locked, and another phone is refused). */
export const SiteHandshake = z.object({ key: z.string().min(32).max(100), device: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
export const SITE_NAMESPACE = '/v1/site';
/** Where the hub serves the phone's page: `${hub}${SITE_PAGE_PATH}#<key>`. */
export const SITE_PAGE_PATH = '/site/';

/** What the phone is told about its link (on connecting, and when it changes). */
export const SiteLinkState = z.object({
  meetingTitle: z.string().max(200),
  stationName: z.string().max(100),
  ticketNo: TicketNo,
  /** The ticket's address and category, so the worker knows which site this is. */
  place: z.string().max(300),
  category: z.string().max(100),
  /** The chair is speaking to this site. */
  talking: z.boolean(),
  endedAt: epochMs.nullable(),
  expiresAt: epochMs,
  iceServers: z.array(IceServer).max(2),
});
export type SiteLinkState = z.infer<typeof SiteLinkState>;
