/**
 * A deterministic generator of realistic tickets (same seed → same tickets), for the demo data,
 * tests and benchmarks. Statuses and timelines are consistent with the status machine. A few are placed from
 * their address, or not placed at all (demo-placement.ts).
 */
import { deadlineFor, ruleFor } from '../../shared/domain/deadlines';
import { DIVISIONS } from '../../shared/domain/divisions';
import type { Ticket, TicketRecord, TimelineEntry, WhistleLevel } from '../../shared/domain/ticket';
import type { Status } from '../../shared/domain/status';
import { DEPARTMENTS, ESTATES, ROADS, SUB_DISTRICT_CENTRES } from './places';
import { demoPlacement, placementSeed } from './demo-placement';
import { prng } from './prng';

export { prng };

type Template = { category: string; weight: number; place: 'estate' | 'road'; texts: string[]; departments: string[] };

const TEMPLATES: Template[] = [
  { category: 'propertyManagement', weight: 14, place: 'estate', texts: ['物业收费不透明,要求公示收支明细', '物业不作为,楼道垃圾长期无人清理', '小区门禁损坏一个月未修'], departments: ['房产局', '物业公司'] },
  { category: 'lift', weight: 9, place: 'estate', texts: ['{b}幢电梯频繁损坏,要求彻底修复', '电梯困人,维保单位迟迟不到', '老旧小区加装电梯进度咨询'], departments: ['市场监管局', '物业公司'] },
  { category: 'roofLeak', weight: 7, place: 'estate', texts: ['{b}幢顶楼屋面漏雨,家中墙面发霉', '雨后屋顶渗水,维修基金申请无人受理'], departments: ['房产局', '住建局'] },
  { category: 'greeneryDamage', weight: 5, place: 'estate', texts: ['小区绿化被毁改种菜地', '公共绿地被占用停车'], departments: ['城管局', '物业公司'] },
  { category: 'streetVending', weight: 10, place: 'road', texts: ['路口流动摊贩占道经营,影响通行', '夜市摊点占用人行道,垃圾遍地'], departments: ['城管局', '街道办事处'] },
  { category: 'fumesNoise', weight: 11, place: 'road', texts: ['临街饭店油烟直排居民楼', '夜间施工噪声扰民', '商铺音响噪声过大'], departments: ['生态环境局', '城管局'] },
  { category: 'loadBearingWall', weight: 3, place: 'estate', texts: ['{b}幢住户装修拆改承重墙,存在安全隐患'], departments: ['住建局', '房产局'] },
  { category: 'consumerDispute', weight: 6, place: 'road', texts: ['健身房闭店无法退费', '预付卡商家跑路,要求维权'], departments: ['市场监管局'] },
  { category: 'parking', weight: 9, place: 'road', texts: ['车辆长期占用消防通道', '小区周边违停严重'], departments: ['交警大队', '城管局'] },
  { category: 'drains', weight: 8, place: 'estate', texts: ['下水道堵塞污水外溢', '雨污分流改造后路面未恢复'], departments: ['水务公司', '市政公司'] },
  { category: 'trafficLight', weight: 4, place: 'road', texts: ['路口信号灯故障', '信号灯配时不合理,早高峰拥堵'], departments: ['交警大队'] },
  { category: 'other', weight: 4, place: 'road', texts: ['路灯不亮', '井盖缺失存在安全隐患'], departments: ['市政公司'] },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((s, t) => s + t.weight, 0);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林';

const DAY = 86_400_000;
/** Status mix of a realistic day: most closed, a working set open, a few returned/reopened. */
const STATUS_PATH: Status[] = ['received', 'dispatched', 'accepted', 'onSite', 'resolved', 'closed'];

export type GeneratedTicket = TicketRecord;

/** The demo's deadline: the category's rule (working or natural days); a 疑难哨 gets three times as long. */
export function ticketDeadline(receivedAt: number, category: string, whistleLevel: WhistleLevel): number {
  const rule = ruleFor(category);
  return deadlineFor(receivedAt, whistleLevel === 'difficult' ? { ...rule, limitDays: rule.limitDays * 3 } : rule).deadlineAt;
}

export type GeneratorOptions = {
  seed?: number;
  /** Newest receivedAt. */
  now: number;
  /** Tickets are spread over this many ms before `now`. */
  spanMs?: number;
  /** Ticket numbers start after this index (so several batches never collide). */
  startIndex?: number;
};

export function generateTickets(count: number, opts: GeneratorOptions): GeneratedTicket[] {
  const seed = opts.seed ?? 12345;
  const rnd = prng(seed);
  const span = opts.spanMs ?? 7 * DAY;
  const out: GeneratedTicket[] = [];
  for (let i = 0; i < count; i++) {
    const receivedAt = Math.round(opts.now - span * Math.pow(rnd(), 1.6));
    const index = (opts.startIndex ?? 0) + i + 1;
    out.push(generateOne(rnd, placementSeed(seed, index), receivedAt, index, opts.now));
  }
  return out;
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function pickTemplate(rnd: () => number): Template {
  let r = rnd() * TOTAL_WEIGHT;
  for (const t of TEMPLATES) if ((r -= t.weight) < 0) return t;
  return TEMPLATES[0]!;
}

function ticketNumber(source: Ticket['source'], receivedAt: number, index: number): string {
  const d = new Date(receivedAt + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const prefix = source === 'hotline12345' ? '12345' : source === 'gridReport' ? 'WG' : source === 'deputyStation' ? 'DB' : 'QT';
  return `${prefix}-${d}-${String(index).padStart(7, '0')}`;
}

/** What a showcase ticket must be (the demo history's early-warning matter, its 三跨 ticket): the rest is drawn. */
export type TicketShape = { category?: string; subDistrictCode?: string; communityCode?: string };

/** One ticket received at `receivedAt`, moved along as far as its age at `now` allows, of the given shape. */
export function generateTicketAt(seed: number, receivedAt: number, index: number, now: number, shape: TicketShape = {}): GeneratedTicket {
  return generateOne(prng(seed), placementSeed(seed, index), receivedAt, index, now, shape);
}

function generateOne(rnd: () => number, placeSeed: number, receivedAt: number, index: number, now: number, shape: TicketShape = {}): GeneratedTicket {
  const drawn = pickTemplate(rnd);
  const tpl = TEMPLATES.find((t) => t.category === shape.category) ?? drawn;
  const drawnSub = pick(rnd, DIVISIONS.subDistricts);
  const sub = DIVISIONS.subDistricts.find((s) => s.code === shape.subDistrictCode) ?? drawnSub;
  const drawnCommunity = sub.communities.length ? pick(rnd, sub.communities) : null;
  const community = sub.communities.find((c) => c.code === shape.communityCode) ?? drawnCommunity;
  const [clng, clat] = SUB_DISTRICT_CENTRES[sub.code] ?? [120.87, 32.02];
  const r0 = rnd();
  const source: Ticket['source'] = r0 < 0.62 ? 'hotline12345' : r0 < 0.93 ? 'gridReport' : r0 < 0.98 ? 'deputyStation' : 'other';
  const building = 1 + Math.floor(rnd() * 24);
  const placeName = tpl.place === 'estate' ? pick(rnd, ESTATES) : pick(rnd, ROADS);
  const place = tpl.place === 'estate' ? `${placeName}${building}幢` : `${placeName}${1 + Math.floor(rnd() * 300)}号附近`;
  const summary = pick(rnd, tpl.texts).replace('{b}', String(building));
  const crossR = rnd();
  const cross = { region: crossR < 0.03, level: crossR > 0.985, department: rnd() < 0.07 && tpl.departments.length > 1 };
  const w = rnd();
  const whistleLevel: WhistleLevel = w < 0.8 ? 'routine' : w < 0.95 ? 'key' : 'difficult';
  const deadlineAt = ticketDeadline(receivedAt, tpl.category, whistleLevel);

  // How far along is it? Older tickets are further along.
  const ageDays = (now - receivedAt) / DAY;
  // Some tickets stall short of resolution (they are the overdue ones the wall must show).
  const stalled = rnd() < 0.1;
  const natural = Math.min(STATUS_PATH.length - 1, Math.floor(ageDays * 1.6 + rnd() * 3));
  const progress = stalled ? Math.min(natural, 1 + Math.floor(rnd() * 3)) : natural;
  const timeline: TimelineEntry[] = [];
  const ticketNo = ticketNumber(source, receivedAt, index);
  const unit = tpl.place === 'estate' && rnd() < 0.5 ? `${sub.name}` : pick(rnd, tpl.departments);
  let at = receivedAt;
  let status: Status = 'received';
  const step = (kind: TimelineEntry['kind'], actor: string, note = '') => {
    at = Math.min(now, at + Math.round(rnd() * ((now - receivedAt) / 6 + 60_000)));
    timeline.push({ at, kind, actor, note });
  };
  timeline.push({ at: receivedAt, kind: 'received', actor: source === 'gridReport' ? '网格员' : '12345热线', note: '' });
  let satisfaction: Ticket['satisfaction'] = null;
  const returned = progress >= 2 && rnd() < 0.04;
  for (let s = 1; s <= progress; s++) {
    const next = STATUS_PATH[s]!;
    if (next === 'accepted' && returned) {
      step('returned', unit, '不属于本单位职责范围');
      step('dispatched', '区指挥中心', `改派${pick(rnd, tpl.departments)}`);
    }
    if (next === 'closed') {
      satisfaction = rnd() < 0.93 ? 'satisfied' : 'basicallySatisfied';
      step('calledBack', '区指挥中心', satisfaction === 'satisfied' ? '满意' : '基本满意');
    }
    // Dispatch, call-back and closing are the command centre's steps; the rest are the handling unit's.
    step(next, next === 'dispatched' || next === 'closed' ? '区指挥中心' : unit);
    status = next;
  }
  const lead = whistleLevel !== 'routine' || cross.department ? tpl.departments[0]! : null;
  // Drawn in this order (the caller, then the platform's point) so the numbers after them are what they always were.
  const callerMasked = `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}** 1${3 + Math.floor(rnd() * 6)}${Math.floor(rnd() * 10)}****${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`;
  const exactLng = Math.round((clng + (rnd() - 0.5) * 0.024) * 1e6) / 1e6;
  const exactLat = Math.round((clat + (rnd() - 0.5) * 0.02) * 1e6) / 1e6;
  const placed = demoPlacement({ seed: placeSeed, exact: [exactLng, exactLat], subDistrictCode: sub.code, centre: [clng, clat], placeName });
  return {
    ticket: {
      ticketNo,
      source,
      receivedAt,
      callerMasked,
      summary,
      address: `崇川区${sub.name}${place}`,
      lng: placed.lng,
      lat: placed.lat,
      placement: placed.placement,
      category: tpl.category,
      subDistrictCode: sub.code,
      communityCode: community?.code ?? null,
      grid: community ? `${community.name}第${1 + Math.floor(rnd() * 8)}网格` : null,
      whistleLevel,
      cross,
      handlingUnit: status === 'received' ? null : unit,
      leadDepartment: lead,
      coDepartments: lead ? tpl.departments.filter((d) => d !== lead).concat(cross.department ? [pick(rnd, DEPARTMENTS)] : []).filter((d, i, a) => a.indexOf(d) === i && d !== lead) : [],
      deadlineAt,
      status,
      satisfaction,
      updatedAt: at,
    },
    timeline,
  };
}
