/**
 * The minutes say what a duty head would say of the meeting: a station that has not come on line while the
 * meeting is under way is awaited (未上线, 点名待应答), absent (缺席) only once the meeting is over; and each
 * decided ticket's lead unit (主办单位) and co-units (协办单位) are named apart.
 */
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../hub-meeting';
import { buildMinutes, minutesMarkdown } from './minutes';

const NOW = Date.UTC(2026, 10, 30, 2);
const RENGGANG = '320613003';
const CHENGDONG = '320613001';
const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: '11111111-1111-4111-8111-111111111111',
  version: 3,
  kind: 'onlineCheck',
  title: '线上核查点调会',
  chair: '区指挥中心',
  createdAt: NOW,
  startedAt: NOW,
  endedAt: null,
  agenda: [{ ticketNo: 'T-1', reasons: ['difficult'] }],
  current: 0,
  invitees: { stations: [RENGGANG, CHENGDONG], departments: [], deputies: [] },
  attendance: [
    { stationCode: RENGGANG, present: true, joinedAt: NOW, answeredRollCallAt: NOW + 5_000 },
    { stationCode: CHENGDONG, present: false, joinedAt: null, answeredRollCallAt: null },
  ],
  rollCallAt: NOW + 1_000,
  calls: [],
  reports: [],
  decisions: [],
  links: [],
  talkTo: null,
  onWall: null,
  ...over,
});
const lines = (m: Meeting, heading: string) => buildMinutes(m, new Map(), (c) => c).sections.find((s) => s.heading === heading)!.lines;

describe('minutes: attendance', () => {
  it('while the meeting is under way, a station not yet on line is awaited, not absent', () => {
    const att = lines(meeting(), '参会情况');
    const chengdong = att.find((l) => l.startsWith('城东街道'))!;
    expect(chengdong).not.toContain('缺席');
    expect(chengdong).toBe('城东街道：未上线，点名待应答');
    expect(att.find((l) => l.startsWith('任港街道'))).toMatch(/^任港街道：到会（.+ 上线），点名已应答（.+）$/);
  });

  it('once the meeting has ended, a station that never came is absent and did not answer the roll-call', () => {
    const att = lines(meeting({ endedAt: NOW + 3_600_000 }), '参会情况');
    expect(att.find((l) => l.startsWith('城东街道'))).toBe('城东街道：缺席，点名未应答');
  });

  it('a station on line that has not answered an open roll-call is waiting; after the end it did not answer', () => {
    const m = meeting({ attendance: [{ stationCode: RENGGANG, present: true, joinedAt: NOW, answeredRollCallAt: null }] });
    expect(lines(m, '参会情况').find((l) => l.startsWith('任港街道'))).toMatch(/，点名待应答$/);
    expect(lines({ ...m, endedAt: NOW + 60_000 }, '参会情况').find((l) => l.startsWith('任港街道'))).toMatch(/，点名未应答$/);
  });
});

describe('minutes: responsible units', () => {
  const decided = meeting({
    decisions: [{ ticketNo: 'T-1', at: NOW, leadDepartment: '区住建局', coDepartments: ['区城管局', '任港街道'], deadlineAt: Date.UTC(2026, 11, 5, 4), supervisor: '', responsibility: 'assigned', notes: '' }],
  });

  it('names the lead unit and the co-units apart', () => {
    const units = lines(decided, '责任单位与期限');
    expect(units).toEqual(['T-1：主办单位 区住建局；协办单位 区城管局、任港街道；2026/12/05 前办结']);
    expect(minutesMarkdown(buildMinutes(decided, new Map(), (c) => c))).toContain('- T-1：主办单位 区住建局；协办单位 区城管局、任港街道；2026/12/05 前办结');
  });

  it('says there is no co-unit rather than leaving it out', () => {
    const alone = { ...decided, decisions: [{ ...decided.decisions[0]!, coDepartments: [] }] };
    expect(lines(alone, '责任单位与期限')).toEqual(['T-1：主办单位 区住建局；协办单位 无；2026/12/05 前办结']);
  });
});

describe('minutes: live links', () => {
  it('records each link: which site, how, from when to when, how long it was live and how often cut, who opened and ended it', () => {
    const link = { stationCode: RENGGANG, ticketNo: 'T-1', openedBy: '区指挥中心', live: false, liveSince: null, endedBy: '任港街道（现场手机）' } as const;
    const m = meeting({
      agenda: [{ ticketNo: 'T-1', reasons: ['difficult'] }],
      links: [
        { ...link, id: '22222222-2222-4222-8222-222222222222', via: 'phone', openedAt: NOW, connectedAt: NOW + 5000, liveMs: 395_000, cuts: 1, endedAt: NOW + 420_000 },
        { ...link, id: '33333333-3333-4333-8333-333333333333', via: 'console', openedAt: NOW + 500_000, connectedAt: null, liveMs: 0, cuts: 0, endedAt: NOW + 560_000, endedBy: '区指挥中心' },
      ],
    });
    const item = lines(m, '1. 工单 T-1');
    expect(item).toContain('现场连线（任港街道，网格员手机，2026/11/30 10:00–10:07）：接通 6 分 35 秒，中断 1 次；发起 区指挥中心，结束 任港街道（现场手机）');
    expect(item).toContain('现场连线（任港街道，街道终端，2026/11/30 10:08–10:09）：未接通；发起 区指挥中心，结束 区指挥中心');
  });

  it('counts a link still live when the minutes are written mid-meeting up to that moment', () => {
    const m = meeting({
      agenda: [{ ticketNo: 'T-1', reasons: ['difficult'] }],
      links: [{ id: '22222222-2222-4222-8222-222222222222', stationCode: RENGGANG, ticketNo: 'T-1', via: 'console', openedAt: NOW, openedBy: '区指挥中心', live: true, connectedAt: NOW, liveSince: NOW + 60_000, liveMs: 30_000, cuts: 1, endedAt: null, endedBy: null }],
    });
    const item = buildMinutes(m, new Map(), (c) => c, NOW + 120_000).sections.find((s) => s.heading === '1. 工单 T-1')!.lines;
    expect(item.find((l) => l.startsWith('现场连线'))).toContain('接通 1 分 30 秒，中断 1 次');
  });
});
