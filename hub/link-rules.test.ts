import { describe, expect, it } from 'vitest';
import type { Meeting } from '../shared/hub-meeting';
import { MAX_LINKS_PER_MEETING, type SiteLink } from '../shared/live-link';
import { applyLinkOp } from './link-rules';

const STATION = '320613004';
const ended = (i: number): SiteLink => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, stationCode: STATION, ticketNo: 'T-1', via: 'console', openedAt: 1, openedBy: 'x', live: false, connectedAt: null, liveSince: null, liveMs: 0, cuts: 0, endedAt: 2, endedBy: 'x' });
const meeting = (links: SiteLink[]) => ({ invitees: { stations: [STATION], departments: [], deputies: [] }, agenda: [{ ticketNo: 'T-1', reasons: [] }], links, talkTo: null, onWall: null }) as unknown as Meeting;
const open = { id: '22222222-2222-4222-8222-222222222222', op: 'linkOpen' as const, meetingId: '00000000-0000-4000-8000-000000000000', linkId: '11111111-1111-4111-8111-111111111111', stationCode: STATION, ticketNo: 'T-1', via: 'console' as const };
const station = { role: 'station' as const, stationCode: STATION, name: '任港街道', id: 's' };

describe('the links a meeting keeps', () => {
  it('refuses a link past the most a meeting keeps, with its reason (a station opening and ending links again and again cannot make the meeting unreadable)', () => {
    const almost = applyLinkOp(meeting(Array.from({ length: MAX_LINKS_PER_MEETING - 1 }, (_, i) => ended(i))), open, station as never, () => 'p', 10);
    expect(almost.ok).toBe(true);
    const full = applyLinkOp(meeting(Array.from({ length: MAX_LINKS_PER_MEETING }, (_, i) => ended(i))), open, station as never, () => 'p', 10);
    expect(full).toMatchObject({ ok: false, reason: 'meetingLinksFull', params: { max: MAX_LINKS_PER_MEETING } });
  });
});
