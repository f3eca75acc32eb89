/**
 * The demo history (resources/demo/tickets.json): 800 tickets drawn by the generator, among them a few
 * written to show what the console exists for, so a first start shows every feature with the default rules:
 * - an early-warning matter: twelve complaints about the lifts of 景华城 (任港社区, 任港街道) in six days —
 *   more than the default threshold of 10 within 30 days (the seed's "all lifts in block 2 and block 4 of
 *   Jinghua City keep breaking");
 * - a 三跨 ticket: street vendors on a road corner split between two sub-districts, both urban management
 *   and the sub-district's business (cross-region and cross-department);
 * - an arbitrary return (随意退单): cooking fumes returned by 城管局, then by 生态环境局, and dispatched back to
 *   城管局 — whose return was arbitrary.
 */
import { DIVISIONS } from '../../shared/domain/divisions';
import type { TicketRecord, TimelineEntry } from '../../shared/domain/ticket';
import { generateTicketAt, generateTickets, ticketDeadline } from './ticket-generator';

export const DEMO_TICKETS = 800;
export const DEMO_SEED = 20261123;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const renggang = DIVISIONS.subDistricts.find((s) => s.shortName === '任港')!;
const renggangCommunity = renggang.communities.find((c) => c.name === '任港社区') ?? renggang.communities[0]!;
const heping = DIVISIONS.subDistricts.find((s) => s.code !== renggang.code)!;

/** Twelve lift complaints at 景华城 blocks 2 and 4, one every half day over the last six days. */
function liftMatter(now: number, startIndex: number): TicketRecord[] {
  return Array.from({ length: 12 }, (_, i) => {
    const block = i % 2 ? 4 : 2;
    const r = generateTicketAt(DEMO_SEED + 1 + i, now - (i + 1) * 12 * HOUR, startIndex + i + 1, now, { category: 'lift', subDistrictCode: renggang.code, communityCode: renggangCommunity.code });
    return { ...r, ticket: { ...r.ticket, summary: i === 0 ? `景华城${block}幢电梯又坏了，一周内第三次困人` : `景华城${block}幢电梯频繁损坏，要求彻底修复`, address: `崇川区${renggang.name}景华城${block}幢` } };
  });
}

/** Vendors on the corner of 工农路 and 人民路, where 任港 meets its neighbour: nobody owns them. */
function crossTicket(now: number, index: number): TicketRecord {
  const r = generateTicketAt(DEMO_SEED + 20, now - 30 * HOUR, index, now, { category: 'streetVending', subDistrictCode: renggang.code, communityCode: renggangCommunity.code });
  const receivedAt = r.ticket.receivedAt;
  const timeline: TimelineEntry[] = [
    { at: receivedAt, kind: 'received', actor: '12345热线', note: '' },
    { at: receivedAt + HOUR, kind: 'dispatched', actor: '区指挥中心', note: `派${renggang.name}` },
  ];
  return {
    ticket: {
      ...r.ticket,
      summary: `工农路与人民路交叉口流动摊贩占道经营，地处${renggang.name}与${heping.name}交界，两边都说不归自己管`,
      address: `崇川区${renggang.name}工农路与人民路交叉口`,
      cross: { region: true, level: false, department: true },
      whistleLevel: 'routine',
      status: 'dispatched',
      handlingUnit: renggang.name,
      leadDepartment: null,
      coDepartments: [],
      satisfaction: null,
      deadlineAt: ticketDeadline(receivedAt, 'streetVending', 'routine'),
      updatedAt: receivedAt + HOUR,
    },
    timeline,
  };
}

/** Cooking fumes: 城管局 returns it, 生态环境局 returns it, the centre dispatches it back to 城管局. */
function arbitraryReturn(now: number, index: number): TicketRecord {
  const r = generateTicketAt(DEMO_SEED + 21, now - 3 * DAY, index, now, { category: 'fumesNoise', subDistrictCode: renggang.code });
  const t0 = r.ticket.receivedAt;
  const timeline: TimelineEntry[] = [
    { at: t0, kind: 'received', actor: '12345热线', note: '' },
    { at: t0 + 1 * HOUR, kind: 'dispatched', actor: '区指挥中心', note: '派城管局' },
    { at: t0 + 5 * HOUR, kind: 'returned', actor: '城管局', note: '油烟排放属环保监管，不属于本单位职责' },
    { at: t0 + 6 * HOUR, kind: 'dispatched', actor: '区指挥中心', note: '改派生态环境局' },
    { at: t0 + 20 * HOUR, kind: 'returned', actor: '生态环境局', note: '餐饮油烟直排属城管执法范围' },
    { at: t0 + 22 * HOUR, kind: 'dispatched', actor: '区指挥中心', note: '改派城管局（餐饮油烟由城管牵头）' },
    { at: t0 + 26 * HOUR, kind: 'accepted', actor: '城管局', note: '' },
  ];
  return {
    ticket: {
      ...r.ticket,
      summary: '临街饭店油烟直排居民楼，已投诉多次',
      status: 'accepted',
      handlingUnit: '城管局',
      satisfaction: null,
      updatedAt: t0 + 26 * HOUR,
    },
    timeline,
  };
}

/** The demo history at `now` (its newest ticket received then): 800 tickets, the showcase ones among them. */
export function demoHistory(now: number): TicketRecord[] {
  const drawn = generateTickets(DEMO_TICKETS - 14, { seed: DEMO_SEED, now, spanMs: 10 * DAY });
  const n = drawn.length;
  return [...drawn, ...liftMatter(now, n), crossTicket(now, n + 13), arbitraryReturn(now, n + 14)];
}
