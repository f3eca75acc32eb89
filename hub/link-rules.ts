/**
 * What a 现场连线 operation does to a meeting — pure, like the other meeting rules (meeting-rules.ts calls here
 * for the link operations). The chair opens links to sites about agenda tickets (a station may open one for its
 * own site), at most MAX_LIVE_LINKS at once; the chair's console says when media arrive and stop; the chair
 * speaks to one site at a time and may put one link up on the wall; a frame taken from a link becomes the
 * site's photo in the ticket's site reports; the chair or the site's station ends a link.
 */
import type { Meeting, MeetingOp } from '../shared/hub-meeting';
import { isOpen, MAX_LINKS_PER_MEETING, MAX_LIVE_LINKS, type SiteLink } from '../shared/live-link';
import type { Actor } from './actions';
import type { MeetingOutcome } from './meeting-rules';

export type LinkOp = Extract<MeetingOp, { op: 'linkOpen' | 'linkEnd' | 'linkState' | 'linkTalk' | 'linkWall' | 'linkFrame' }>;
export const isLinkOp = (op: MeetingOp): op is LinkOp => op.op.startsWith('link');

const refuse = (code: 'unauthorized' | 'badRequest' | 'conflict' | 'notFound', message: string, reason: string, params?: Record<string, string | number>): MeetingOutcome => ({
  ok: false,
  code,
  message,
  reason,
  ...(params ? { params } : {}),
});

/** A link stops being live: the time it was live is added up. */
function stopped(l: SiteLink, now: number): SiteLink {
  return l.liveSince === null ? { ...l, live: false } : { ...l, live: false, liveSince: null, liveMs: l.liveMs + Math.max(0, now - l.liveSince) };
}

/** A link ended: no longer live, nobody speaks to it, off the wall. */
function ended(m: Meeting, linkId: string, now: number, by: string): Meeting {
  return {
    ...m,
    links: m.links.map((l) => (l.id === linkId ? { ...stopped(l, now), endedAt: now, endedBy: by } : l)),
    talkTo: m.talkTo === linkId ? null : m.talkTo,
    onWall: m.onWall === linkId ? null : m.onWall,
  };
}

/** Every open link ended (the meeting ends). */
export function endAllLinks(m: Meeting, now: number, by: string): Meeting {
  return m.links.filter(isOpen).reduce((acc, l) => ended(acc, l.id, now, by), m);
}

export function applyLinkOp(m: Meeting, op: LinkOp, actor: Actor, photoIdOf: (index: number) => string, now: number): MeetingOutcome {
  const who = actor.name || (actor.role === 'chair' ? '区指挥中心' : (actor.stationCode ?? ''));
  const chairOnly = op.op !== 'linkOpen' && op.op !== 'linkEnd';
  if (actor.role !== 'chair' && (chairOnly || actor.role !== 'station')) return refuse('unauthorized', '该操作只能由主持人 (区指挥中心) 进行 (chair only)', 'chairOnly');
  if (op.op === 'linkOpen') {
    if (actor.role === 'station' && actor.stationCode !== op.stationCode) return refuse('unauthorized', '街道只能为本街道的现场连线 (a station links its own site only)', 'linkOwnSiteOnly');
    if (!m.invitees.stations.includes(op.stationCode)) return refuse('badRequest', '该街道未受邀参加会商', 'stationNotInvited');
    if (!m.agenda.some((a) => a.ticketNo === op.ticketNo)) return refuse('badRequest', `工单 ${op.ticketNo} 不在议程中`, 'notOnAgenda', { ticketNo: op.ticketNo });
    if (m.links.some((l) => l.id === op.linkId)) return refuse('conflict', '该连线已存在 (a link with this id exists)', 'reusedId');
    const open = m.links.filter(isOpen);
    if (open.some((l) => l.stationCode === op.stationCode && l.ticketNo === op.ticketNo)) return refuse('conflict', '该街道已就此工单现场连线 (this site is linked already)', 'linkAlreadyOpen', { ticketNo: op.ticketNo });
    if (m.links.length >= MAX_LINKS_PER_MEETING) return refuse('conflict', `一次会商最多 ${MAX_LINKS_PER_MEETING} 路现场连线 (at most ${MAX_LINKS_PER_MEETING} links in a meeting)`, 'meetingLinksFull', { max: MAX_LINKS_PER_MEETING });
    if (open.length >= MAX_LIVE_LINKS) return refuse('conflict', `同时最多 ${MAX_LIVE_LINKS} 路现场连线 (at most ${MAX_LIVE_LINKS} links at once)`, 'tooManyLinks', { max: MAX_LIVE_LINKS });
    const link: SiteLink = { id: op.linkId, stationCode: op.stationCode, ticketNo: op.ticketNo, via: op.via, openedAt: now, openedBy: who, live: false, connectedAt: null, liveSince: null, liveMs: 0, cuts: 0, endedAt: null, endedBy: null };
    return { ok: true, meeting: { ...m, links: [...m.links, link] } };
  }
  if (op.linkId === null) {
    // linkTalk / linkWall to none.
    return { ok: true, meeting: op.op === 'linkTalk' ? { ...m, talkTo: null } : { ...m, onWall: null } };
  }
  const link = m.links.find((l) => l.id === op.linkId);
  if (!link) return refuse('notFound', '没有这路连线 (no such link)', 'linkNotFound');
  if (link.endedAt !== null) {
    // Ending an ended link is done already; anything else on it is refused.
    if (op.op === 'linkEnd' || (op.op === 'linkState' && !op.live)) return { ok: true, meeting: m };
    return refuse('conflict', '该连线已结束 (the link has ended)', 'linkEnded');
  }
  switch (op.op) {
    case 'linkEnd':
      if (actor.role === 'station' && actor.stationCode !== link.stationCode) return refuse('unauthorized', '街道只能结束本街道的现场连线 (a station ends its own link only)', 'linkOwnSiteOnly');
      return { ok: true, meeting: ended(m, link.id, now, who) };
    case 'linkState': {
      if (op.live === link.live) return { ok: true, meeting: m };
      const next: SiteLink = op.live ? { ...link, live: true, liveSince: now, connectedAt: link.connectedAt ?? now } : { ...stopped(link, now), cuts: link.cuts + 1 };
      return { ok: true, meeting: { ...m, links: m.links.map((l) => (l.id === link.id ? next : l)) } };
    }
    case 'linkTalk':
      return { ok: true, meeting: { ...m, talkTo: link.id } };
    case 'linkWall':
      return { ok: true, meeting: { ...m, onWall: link.id } };
    case 'linkFrame': {
      if (!link.live) return refuse('conflict', '连线未接通，无法截图 (no picture from the site yet)', 'linkNotLive');
      const time = new Date(now + 8 * 3600_000).toISOString().slice(11, 19);
      const report = { id: op.id, stationCode: link.stationCode, ticketNo: link.ticketNo, at: now, note: `现场连线截图 ${time}（${who}）`, photoIds: [photoIdOf(0)] };
      return { ok: true, meeting: { ...m, reports: [...m.reports, report] } };
    }
  }
}
