/**
 * Report periods (报表周期): a 日报 covers one Beijing day, a 周报 Monday to Sunday, a 月报 a calendar month, a custom
 * report any range of whole days. Each period has the period before it of the same length (环比: the day, week or
 * month before; for a custom range, as many days just before it) and, for a month, the same month a year before
 * (同比). Days are 'YYYY-MM-DD' Beijing dates, both ends included. Pure.
 */
import { z } from 'zod';
import { isWorkday } from 'chinese-days';
import { calendarKnowsYear } from './deadlines';

export const REPORT_KINDS = ['day', 'week', 'month', 'custom'] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

/** The longest custom range a report covers. */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;
export const ReportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((d) => Number.isFinite(fromDay(d)) && toDay(fromDay(d)) === d, 'not a calendar date');

export const DayRange = z.object({ from: ReportDay, to: ReportDay });
export type DayRange = z.infer<typeof DayRange>;

export const ReportPeriod = DayRange.extend({ kind: ReportKind })
  .refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((p) => daysIn(p) <= MAX_REPORT_DAYS, { message: `a report covers at most ${MAX_REPORT_DAYS} days`, path: ['to'] })
  .refine((p) => p.kind === 'custom' || sameAs(p), { message: 'a day, week or month report covers exactly its day, week or month', path: ['from'] });
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** Midnight UTC of a date (a day number to count with; not an instant in Beijing). */
const fromDay = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The date `n` days after `d` (before, for a negative n). */
export const addDays = (d: string, n: number) => toDay(fromDay(d) + n * DAY_MS);

/** How many days a range covers, both ends included. */
export const daysIn = (r: DayRange) => Math.round((fromDay(r.to) - fromDay(r.from)) / DAY_MS) + 1;

/** Every day of a range, oldest first. */
export const everyDayOf = (r: DayRange): string[] => Array.from({ length: daysIn(r) }, (_, i) => addDays(r.from, i));

/** The Beijing date of an instant. */
export const beijingDayOf = (ms: number) => toDay(ms + 8 * 3_600_000);

/** Epoch ms of 00:00 Beijing on a date. */
export const beijingStartOf = (day: string) => fromDay(day) - 8 * 3_600_000;

/** The instants a range covers: [start of its first day, start of the day after its last) in Beijing. */
export const instantsOf = (r: DayRange): { fromMs: number; toMs: number } => ({ fromMs: beijingStartOf(r.from), toMs: beijingStartOf(r.to) + DAY_MS });

/** The period of a kind that contains a date. */
export function periodOf(kind: Exclude<ReportKind, 'custom'>, day: string): ReportPeriod {
  if (kind === 'day') return { kind, from: day, to: day };
  if (kind === 'week') {
    const weekday = (new Date(fromDay(day)).getUTCDay() + 6) % 7; // Monday 0
    const from = addDays(day, -weekday);
    return { kind, from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 7)}-01`;
  const next = new Date(fromDay(from));
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { kind, from, to: addDays(toDay(next.getTime()), -1) };
}

/** Whether a day, week or month period is exactly its day, week or month. */
function sameAs(p: DayRange & { kind: ReportKind }): boolean {
  if (p.kind === 'custom') return true;
  const own = periodOf(p.kind, p.from);
  return own.from === p.from && own.to === p.to;
}

/** 环比: the period just before, of the same kind (a custom range: as many days just before it). */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'custom') {
    const n = daysIn(p);
    return { kind: 'custom', from: addDays(p.from, -n), to: addDays(p.from, -1) };
  }
  return periodOf(p.kind, addDays(p.from, -1));
}

/** 同比: the same month a year before (月报 only; null for other kinds). */
export function yearBeforePeriod(p: ReportPeriod): ReportPeriod | null {
  if (p.kind !== 'month') return null;
  return periodOf('month', `${Number(p.from.slice(0, 4)) - 1}${p.from.slice(4)}`);
}

/** Working days in a range by the State Council's calendar (调休 Saturdays count, holidays do not); null where the
 * calendar does not know a year of it. */
export function workingDaysIn(r: DayRange): number | null {
  const years = new Set([Number(r.from.slice(0, 4)), Number(r.to.slice(0, 4))]);
  if (![...years].every(calendarKnowsYear)) return null;
  return everyDayOf(r).filter((d) => isWorkday(d)).length;
}

/** The 日报 and 月报 due on the morning of `day`: yesterday's, and on the 1st the month before. */
export function periodsDueOn(day: string): ReportPeriod[] {
  const yesterday = addDays(day, -1);
  const due: ReportPeriod[] = [periodOf('day', yesterday)];
  if (day.endsWith('-01')) due.push(periodOf('month', yesterday));
  return due;
}

/**
 * A period not over yet at `today` is counted through today, and compared with as many days from the start of the
 * period before (and of the year before): the first 10 days of a month against the first 10 of the month before,
 * not against a whole month. `through`: the last day counted (null for a period that is over).
 */
export function comparedSpans(p: ReportPeriod, today: string): { through: string | null; previous: ReportPeriod; yearBefore: ReportPeriod | null } {
  const previous = previousPeriod(p);
  const yearBefore = yearBeforePeriod(p);
  if (p.to <= today) return { through: null, previous, yearBefore };
  const days = p.from > today ? 0 : daysIn({ from: p.from, to: today });
  const first = (q: ReportPeriod): ReportPeriod => ({ ...q, kind: 'custom', to: days ? (addDays(q.from, days - 1) < q.to ? addDays(q.from, days - 1) : q.to) : q.from });
  return { through: today, previous: first(previous), yearBefore: yearBefore && first(yearBefore) };
}
