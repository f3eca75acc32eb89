/**
 * Reports area of the contract (报表): 日报 and 月报 of hot and difficult issues, made by the console from its store
 * on a schedule or on demand for any day, week, month or range, kept in the store, opened on screen and written
 * as PDF and XLSX. Every figure is the KPI wall's figure for the same period (kpi.snapshot with that period).
 */
import { z } from 'zod';
import { ReportKind, ReportPeriod } from '../domain/report-period';
import { TicketNo, TicketSource, TicketStatus } from '../domain/ticket';

export { ReportPeriod };

const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1).nullable();

/** A count over the period, the period before (环比) and the same month a year before (同比, 月报 only); null where
 * the store holds no ticket received in that earlier period. */
export const Compared = z.object({ n: count, previous: count.nullable(), yearBefore: count.nullable() });
export type Compared = z.infer<typeof Compared>;
export const ComparedRate = z.object({ value: rate, previous: rate, yearBefore: rate });
export type ComparedRate = z.infer<typeof ComparedRate>;

export const ReportTicket = z.object({ ticketNo: TicketNo, summary: z.string(), subDistrictCode: z.string(), category: z.string(), status: TicketStatus });
export type ReportTicket = z.infer<typeof ReportTicket>;

/** A rise of one category, or one category at one place (a community, or a sub-district where none is known).
 * With no data in the period before, `previous` and `rise` are null and the list is the period's largest counts. */
export const HotIssue = z.object({ category: z.string(), placeCode: z.string().nullable(), n: count, previous: count.nullable(), rise: z.number().int().nullable(), examples: z.array(ReportTicket).max(3) });
export type HotIssue = z.infer<typeof HotIssue>;

/** Rates and their ranks (1 = highest rate; null where the rate is). */
const Ranked = z.object({
  intake: count, done: count, onTime: count, rated: count, satisfied: count, returns: count,
  closedRate: rate, onTimeRate: rate, satisfactionRate: rate,
  closedRank: z.number().int().positive().nullable(), onTimeRank: z.number().int().positive().nullable(), satisfactionRank: z.number().int().positive().nullable(),
});

export const UnitRow = Ranked.extend({
  unit: z.string(),
  /** Received in the period, not yet resolved and past the deadline at the time of the report. */
  overdueOpen: count,
  /** Resolved after the deadline. */
  late: count,
  /** 随意退单: returned, then dispatched back to the same unit. */
  arbitrary: count,
});
export type UnitRow = z.infer<typeof UnitRow>;
export const SubDistrictRow = Ranked.extend({ code: z.string(), overdueOpen: count });
export type SubDistrictRow = z.infer<typeof SubDistrictRow>;

export const ReturnRecord = z.object({ ticketNo: TicketNo, unit: z.string(), at: z.number().int(), reason: z.string() });
export type ReturnRecord = z.infer<typeof ReturnRecord>;

export const REPORT_CHANGE_KINDS = ['intake', 'category', 'subDistrict', 'source', 'closedRate', 'onTimeRate', 'satisfactionRate'] as const;
/** One of the largest changes against the period before, said in a template sentence (no text made up). */
export const ReportChange = z.object({ kind: z.enum(REPORT_CHANGE_KINDS), key: z.string().nullable(), from: z.number(), to: z.number() });
export type ReportChange = z.infer<typeof ReportChange>;

/** 代表督办 over the period, from the supervision registers: supervised hard problems whose loop closed in it;
 * deputies' suggestions entered, answered and reopened in it (and where all stand now); letters and referrals
 * issued in it and answered; what the emergency funds paid in it. (Reports made before these were counted read
 * as zeros.) */
export const DeputyFigures = z.object({
  hardClosed: count,
  supervisedOpen: count,
  suggestions: z.object({ submitted: count, answered: count, satisfied: count, reopened: count, atAssigned: count, atDone: count, atSubmitted: count }),
  letters: z.object({ issued: count, replied: count, awaiting: count }),
  referrals: z.object({ sent: count, answered: count }),
  funds: z.object({ spends: count, amount: count, items: z.array(z.object({ subDistrictCode: z.string(), ticketNo: z.string(), amount: count, purpose: z.string(), at: z.number().int() })).max(30) }),
});
export type DeputyFigures = z.infer<typeof DeputyFigures>;
const NO_DEPUTY_FIGURES: DeputyFigures = { hardClosed: 0, supervisedOpen: 0, suggestions: { submitted: 0, answered: 0, satisfied: 0, reopened: 0, atAssigned: 0, atDone: 0, atSubmitted: 0 }, letters: { issued: 0, replied: 0, awaiting: 0 }, referrals: { sent: 0, answered: 0 }, funds: { spends: 0, amount: 0, items: [] } };

const Span = z.object({ kind: z.enum(['day', 'week', 'month', 'custom']), from: z.string(), to: z.string() });
export const ReportBody = z.object({
  period: ReportPeriod,
  previous: Span,
  yearBefore: Span.nullable(),
  /** When the figures were taken: what is open or overdue is as it stood then. */
  asOf: z.number().int(),
  /** A period not over when the report was made: counted through this day, and compared with as many days from the
   * start of the period before and of the year before (`previous`, `yearBefore` are those spans). */
  through: z.string().nullable(),
  workingDays: count.nullable(),
  totals: z.object({ intake: Compared, done: Compared, returns: Compared, closedRate: ComparedRate, onTimeRate: ComparedRate, satisfactionRate: ComparedRate }),
  /** Each day of the period: intake (by day received) and 办结 (by day resolved), as the wall's daily chart. */
  daily: z.array(z.object({ day: z.string(), intake: count, done: count })).max(400),
  bySource: z.array(z.object({ key: TicketSource, n: Compared })),
  byCategory: z.array(z.object({ key: z.string(), n: Compared })),
  bySubDistrict: z.array(z.object({ key: z.string(), n: Compared })),
  hot: z.object({ categories: z.array(HotIssue).max(10), places: z.array(HotIssue).max(10) }),
  warnings: z.object({
    raised: count, acknowledged: count, cleared: count, stillActive: count,
    items: z.array(z.object({ category: z.string(), placeCode: z.string(), count, raisedAt: z.number().int(), acknowledgedAt: z.number().int().nullable(), clearedAt: z.number().int().nullable() })).max(30),
  }),
  /** 疑难 (difficult whistle) and 三跨 tickets received in the period, and how many of them are resolved. */
  hard: z.object({ difficult: count, difficultDone: count, cross: count, crossDone: count, open: z.array(ReportTicket).max(30) }),
  units: z.array(UnitRow).max(500),
  subDistricts: z.array(SubDistrictRow).max(200),
  arbitraryReturns: z.array(ReturnRecord).max(100),
  meetings: z.object({ held: count, decisions: count, followUpsOpen: count, followUpsOverdue: count }),
  deputies: DeputyFigures.default(NO_DEPUTY_FIGURES),
  changes: z.array(ReportChange).max(3),
});
export type ReportBody = z.infer<typeof ReportBody>;

export const REPORT_TRIGGERS = ['schedule', 'demand'] as const;
export const ReportInfo = z.object({
  id: z.string(),
  kind: ReportKind,
  from: z.string(),
  to: z.string(),
  generatedAt: z.number().int(),
  trigger: z.enum(REPORT_TRIGGERS),
  intake: count,
});
export type ReportInfo = z.infer<typeof ReportInfo>;
export const Report = ReportInfo.extend({ body: ReportBody });
export type Report = z.infer<typeof Report>;

/** When the 日报 and 月报 are made (Beijing time): yesterday's 日报 every morning, the month before's 月报 on the 1st. */
export const ReportSchedule = z.object({
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM'),
  daily: z.boolean(),
  monthly: z.boolean(),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;
export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = { at: '08:00', daily: true, monthly: true };

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const ReportFile = z.object({
  name: z.string().max(200),
  mime: z.enum(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
  base64: z.string(),
  /** Where the console wrote it (its reports folder). */
  path: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const reportMethods = {
  /** Reports kept in the store, newest period first. */
  'reports.list': { input: z.object({}).strict(), output: z.object({ reports: z.array(ReportInfo) }) },
  /** Make a report of any period now (kept in the store). */
  'reports.generate': { input: z.object({ period: ReportPeriod }), output: ReportInfo },
  'reports.open': { input: z.object({ id: z.string().max(100) }), output: Report },
  /** Write a report as PDF or XLSX into the reports folder; answers the file too (a browser downloads it). */
  'reports.file': { input: z.object({ id: z.string().max(100), format: z.enum(REPORT_FORMATS) }), output: ReportFile },
  'reports.schedule': { input: z.object({}).strict(), output: ReportSchedule },
  'reports.setSchedule': { input: ReportSchedule, output: ReportSchedule },
};

export const reportEvents = {
  /** A report was made (by the schedule or on demand). */
  'reports.changed': z.object({ id: z.string() }),
};
