/** KPI wall area of the contract: one snapshot of every figure the wall shows. */
import { z } from 'zod';
import { DayRange, daysIn, MAX_REPORT_DAYS } from '../domain/report-period';

const count = z.number().int().nonnegative();
/** A share from 0 to 1, or null when there is nothing to divide by (no tickets yet). */
const rate = z.number().min(0).max(1).nullable();

export const KpiRates = z.object({
  /** 办结率: resolved or closed ÷ received. */
  closedRate: rate,
  /** 按时办结率: resolved by the deadline ÷ resolved. */
  onTimeRate: rate,
  /** 满意率: call-backs rated 满意 ÷ rated call-backs (基本满意 is not 满意). */
  satisfactionRate: rate,
});
export type KpiRates = z.infer<typeof KpiRates>;

export const KpiSnapshot = z.object({
  asOf: z.number().int(),
  /** Days the rates and the ranking cover (Beijing days): the window ending today, or the period asked for. */
  windowDays: z.number().int().positive(),
  /** The first and last day of the rates, returns, days, categories and ranking. */
  period: DayRange,
  /** Whether they cover a period asked for (else the window ending today, hot categories over its last 7 days). */
  periodAsked: z.boolean(),
  today: z.object({ intake: count, returns: count }),
  open: count,
  overdue: count,
  /** 即将超期: unresolved, due within the next 24 hours. */
  dueSoon: count,
  rates: KpiRates,
  window: z.object({ intake: count, returns: count }),
  /** Today's intake per hour (24 values, Beijing hours). */
  hourly: z.array(count).length(24),
  daily: z.array(z.object({ day: z.string(), intake: count, done: count })).max(400),
  hotCategories: z.array(z.object({ category: z.string(), intake: count })).max(20),
  ranking: z.array(z.object({ code: z.string(), intake: count, open: count, overdue: count, returns: count }).extend(KpiRates.shape)).max(200),
});
export type KpiSnapshot = z.infer<typeof KpiSnapshot>;

/** 退单 per unit, with the arbitrary ones (returned, then dispatched back to the same unit). */
export const UnitReturns = z.object({ unit: z.string(), returns: count, arbitrary: count });

/** A period of whole days instead of the window ending today (as a report covers; at most a year). */
export const KpiPeriod = DayRange.refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] }).refine((p) => daysIn(p) <= MAX_REPORT_DAYS, {
  message: `at most ${MAX_REPORT_DAYS} days`,
  path: ['to'],
});
const KpiAsk = z.object({ windowDays: z.number().int().min(1).max(366).default(30), period: KpiPeriod.optional() });

export const kpiMethods = {
  'kpi.returnsByUnit': { input: KpiAsk, output: z.object({ windowDays: z.number().int(), units: z.array(UnitReturns) }) },
  'kpi.snapshot': { input: KpiAsk, output: KpiSnapshot },
};
