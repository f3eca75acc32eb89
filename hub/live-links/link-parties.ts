/**
 * Who is an end of a live link — pure. The site is the link's station (its console, for a console link) or the
 * phone holding the link's one-time key (a phone link); receivers are the chair's screens, and viewers (walls)
 * while the chair has the link up on the wall. Signalling runs between the site and a receiver only: nobody else
 * sends or hears a link's offers, answers and candidates — not an uninvited station, not a station's other
 * links, not a wall the link is not up on.
 */
import type { Meeting } from '../../shared/hub-meeting';
import type { HubIdentity } from '../../shared/hub-protocol';
import type { SiteLink } from '../../shared/live-link';

/** A caller on the hub: a token's connection, or a phone holding a site key. */
export type LinkCaller = { kind: 'token'; who: HubIdentity } | { kind: 'phone'; linkId: string };
export type LinkSide = 'site' | 'receiver';

export type LinkRefusal = { code: 'notFound' | 'conflict' | 'unauthorized'; message: string; reason: string };

/** The open link `linkId` of meeting `m`, or why signalling on it is refused. */
export function openLink(m: Meeting | undefined, linkId: string): SiteLink | LinkRefusal {
  const link = m?.links.find((l) => l.id === linkId);
  if (!m || !link) return { code: 'notFound', message: '没有这路连线 (no such link)', reason: 'linkNotFound' };
  if (m.endedAt !== null || link.endedAt !== null) return { code: 'conflict', message: '该连线已结束 (the link has ended)', reason: 'linkEnded' };
  return link;
}

export function sideOf(m: Meeting, link: SiteLink, c: LinkCaller): LinkSide | null {
  if (c.kind === 'phone') return link.via === 'phone' && c.linkId === link.id ? 'site' : null;
  const { role, stationCode } = c.who;
  if (role === 'station') return link.via === 'console' && stationCode === link.stationCode ? 'site' : null;
  if (role === 'chair') return 'receiver';
  if (role === 'viewer') return m.onWall === link.id ? 'receiver' : null;
  return null;
}

/** Rooms of the hub's namespaces a link's messages go to (socket.io rooms, so a hub on several nodes can relay
 * through its adapter). */
export const chairRoom = (tokenId: string) => `chair:${tokenId}`;
export const viewerRoom = (tokenId: string) => `viewer:${tokenId}`;
export const ROLE_CHAIR_ROOM = 'role:chair';
export const ROLE_VIEWER_ROOM = 'role:viewer';
export const phoneRoom = (linkId: string) => `phone:${linkId}`;
export const stationSiteRoom = (code: string) => `station:${code}`;

/** Rooms that hear a message to `to` on this link from the other side; where a site message goes. */
export function roomsFor(m: Meeting, link: SiteLink, from: LinkSide, to: string): { main: string[]; phone: string[] } | LinkRefusal {
  const wrongWay: LinkRefusal = { code: 'unauthorized', message: '连线信令只在现场与主持方之间传递 (signalling runs between the site and a receiver)', reason: 'linkWrongEnd' };
  if (from === 'receiver') {
    if (to !== 'site') return wrongWay;
    return link.via === 'phone' ? { main: [], phone: [phoneRoom(link.id)] } : { main: [stationSiteRoom(link.stationCode)], phone: [] };
  }
  const onWall = m.onWall === link.id;
  if (to === 'receivers') return { main: onWall ? [ROLE_CHAIR_ROOM, ROLE_VIEWER_ROOM] : [ROLE_CHAIR_ROOM], phone: [] };
  if (to === 'site') return wrongWay;
  const tokenId = to.slice(0, to.indexOf('/'));
  return { main: onWall ? [chairRoom(tokenId), viewerRoom(tokenId)] : [chairRoom(tokenId)], phone: [] };
}
