/**
 * The ticket (工单) as every layer sees it: the hub, the store, the contract and the screens.
 * Times are epoch milliseconds (UTC); the UI formats them in Asia/Shanghai.
 */
import { z } from 'zod';
import { TICKET_STATUSES } from './status';

/** 工单来源: 12345 市民热线, 网格上报, 人大代表联络站, 其他 */
export const TICKET_SOURCES = ['hotline12345', 'gridReport', 'deputyStation', 'other'] as const;
export const TicketSource = z.enum(TICKET_SOURCES);
export type TicketSource = z.infer<typeof TicketSource>;

/** 哨声: 常规哨 (community), 重点哨 (sub-district), 疑难哨 (district) */
export const WHISTLE_LEVELS = ['routine', 'key', 'difficult'] as const;
export const WhistleLevel = z.enum(WHISTLE_LEVELS);
export type WhistleLevel = z.infer<typeof WhistleLevel>;

/**
 * How a ticket's point on the map was found (定位方式): from the platform's own coordinates (exact), from a
 * gazetteer entry its address names — a residential compound, road or landmark (compound) —, from its
 * community (community) or only its sub-district's centre (subDistrict); or not at all (none: 未定位, no point,
 * lng and lat are null). Anything but exact is approximate and drawn so (hollow).
 */
export const PLACEMENTS = ['exact', 'compound', 'community', 'subDistrict', 'none'] as const;
export const Placement = z.enum(PLACEMENTS);
export type Placement = z.infer<typeof Placement>;

/** 回访满意度 */
export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'unsatisfied'] as const;
export const Satisfaction = z.enum(SATISFACTIONS);
export type Satisfaction = z.infer<typeof Satisfaction>;

export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** 三跨: 跨区域, 跨层级, 跨部门 */
export const CrossFlags = z.object({
  region: z.boolean(),
  level: z.boolean(),
  department: z.boolean(),
});
export type CrossFlags = z.infer<typeof CrossFlags>;

/** The last millisecond of 9999-12-31 in Beijing: the store's calendar (SQLite's dates) ends there, so a later
 * instant could not be put on a KPI day and would fail every write that carried it. */
export const LAST_INSTANT_MS = 253_402_271_999_999;
const epochMs = z.number().int().nonnegative().max(LAST_INSTANT_MS, { message: 'a date after 9999-12-31 (Beijing)' });
const text = (max: number) => z.string().max(max);

/** Ticket number as the city platform issues it, e.g. "12345-20261123-000042" or "WG-20261123-0007". */
export const TicketNo = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ticket number: letters, digits, "-" and "_" only');
export type TicketNo = z.infer<typeof TicketNo>;

export const Ticket = z.object({
  ticketNo: TicketNo,
  source: TicketSource,
  receivedAt: epochMs,
  /** Already masked by the platform, e.g. "王**  138****5678"; never the full number. */
  callerMasked: text(64),
  summary: text(2000),
  address: text(200),
  /** Null exactly when placement is 'none' (the hub refuses any other mix). */
  lng: z.number().min(-180).max(180).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  /** How lng/lat were found; records from before imports (and every feed with coordinates) are exact. */
  placement: Placement.default('exact'),
  /** Category code from the catalogue in categories.ts (unknown codes are allowed and shown as-is). */
  category: text(64).min(1),
  subDistrictCode: text(16).min(1),
  communityCode: text(16).nullable(),
  grid: text(64).nullable(),
  whistleLevel: WhistleLevel,
  cross: CrossFlags,
  handlingUnit: text(100).nullable(),
  leadDepartment: text(100).nullable(),
  coDepartments: z.array(text(100)).max(20),
  deadlineAt: epochMs,
  status: TicketStatus,
  satisfaction: Satisfaction.nullable(),
  updatedAt: epochMs,
});
export type Ticket = z.infer<typeof Ticket>;

/** 工单流转记录: one step of a ticket's timeline. */
export const TICKET_EVENT_KINDS = [
  'received',
  'dispatched',
  'accepted',
  'onSite',
  'resolved',
  'calledBack',
  'closed',
  'returned',
  'reopened',
  'escalated',
  'acknowledged',
  'commented',
  'decided',
  /** The supervision registers' steps on a ticket: a supervisor named (督办), a deputy's site visit (一线督查) and
   * call-back (代表回访), an emergency-fund payment (应急包). */
  'supervised',
  'siteVisited',
  'deputyCalledBack',
  'fundSpent',
] as const;
export const TicketEventKind = z.enum(TICKET_EVENT_KINDS);
export type TicketEventKind = z.infer<typeof TicketEventKind>;

export const TimelineEntry = z.object({
  at: epochMs,
  kind: TicketEventKind,
  /** Who did it: a unit, a person's role, or "system". */
  actor: text(100),
  note: text(2000),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A ticket with its whole timeline: the unit the hub stores, syncs and pushes. */
export const TicketRecord = z.object({
  ticket: Ticket,
  timeline: z.array(TimelineEntry).max(500),
});
export type TicketRecord = z.infer<typeof TicketRecord>;

export const isCross = (c: CrossFlags): boolean => c.region || c.level || c.department;

/** Overdue (超期): not yet resolved, and past its deadline. A resolved ticket awaiting call-back is not overdue. */
export const isOverdue = (t: Pick<Ticket, 'deadlineAt' | 'status'>, now: number): boolean =>
  isUnresolvedStatus(t.status) && t.deadlineAt < now;

/** 即将超期 (due soon): not yet resolved, not yet overdue, and due within this long. */
export const DUE_SOON_MS = 24 * 3_600_000;
export const isDueSoon = (t: Pick<Ticket, 'deadlineAt' | 'status'>, now: number): boolean =>
  isUnresolvedStatus(t.status) && t.deadlineAt >= now && t.deadlineAt < now + DUE_SOON_MS;

/** Statuses in which the handling itself is not finished. */
export function isUnresolvedStatus(s: TicketStatus): boolean {
  return s !== 'resolved' && s !== 'closed';
}
