/**
 * Deadlines (办理时限) in working days with the Chinese holiday calendar and its 调休 make-up working
 * days (from the chinese-days package), or in natural days — chosen per category.
 *
 * Counting: a limit of N days runs from the day after receipt; the deadline is the end (23:59:59.999,
 * Beijing time) of the Nth working (or natural) day. E.g. received Wed 30 Sep 2026, 5 working days:
 * 1–7 Oct are National Day, 8 Thu, 9 Fri, 10 Sat (调休 working day), 12 Mon, 13 Tue → end of 13 Oct.
 *
 * The package knows the years the State Council has announced; for a later year it cannot tell holidays
 * from working days, and the result says so (calendarKnown: false) instead of pretending.
 */
import { findWorkday, getHolidaysInRange } from 'chinese-days';
import type { Category } from './categories';

export type DayRule = 'working' | 'natural';
export type DeadlineRule = { limitDays: number; rule: DayRule };

/** Defaults per category; a centre can change them (the rule is data, not code). */
export const DEFAULT_DEADLINE_RULES: Readonly<Record<Category, DeadlineRule>> = {
  propertyManagement: { limitDays: 5, rule: 'working' },
  lift: { limitDays: 3, rule: 'working' },
  roofLeak: { limitDays: 5, rule: 'working' },
  greeneryDamage: { limitDays: 5, rule: 'working' },
  streetVending: { limitDays: 2, rule: 'natural' },
  fumesNoise: { limitDays: 3, rule: 'natural' },
  loadBearingWall: { limitDays: 10, rule: 'working' },
  consumerDispute: { limitDays: 7, rule: 'working' },
  parking: { limitDays: 2, rule: 'natural' },
  drains: { limitDays: 3, rule: 'natural' },
  trafficLight: { limitDays: 1, rule: 'natural' },
  other: { limitDays: 5, rule: 'working' },
};

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of an instant, in Beijing. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a Beijing calendar day. */
function endOfBeijingDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS + DAY_MS - 1;
}

const knownYears = new Map<number, boolean>();
/** Does the calendar know this year's holidays? (Every real year has some: Spring Festival at least.) */
export function calendarKnowsYear(year: number): boolean {
  let known = knownYears.get(year);
  if (known === undefined) {
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    knownYears.set(year, known);
  }
  return known;
}

export function deadlineFor(receivedAt: number, rule: DeadlineRule): { deadlineAt: number; calendarKnown: boolean } {
  const start = beijingDate(receivedAt);
  if (rule.rule === 'natural') {
    const last = beijingDate(Date.parse(`${start}T00:00:00Z`) + rule.limitDays * DAY_MS);
    return { deadlineAt: endOfBeijingDay(last), calendarKnown: true };
  }
  const last = findWorkday(rule.limitDays, start);
  const years = [Number(start.slice(0, 4)), Number(last.slice(0, 4))];
  return { deadlineAt: endOfBeijingDay(last), calendarKnown: years.every(calendarKnowsYear) };
}

export function ruleFor(category: string, rules: Readonly<Record<string, DeadlineRule>> = DEFAULT_DEADLINE_RULES): DeadlineRule {
  return rules[category] ?? DEFAULT_DEADLINE_RULES.other;
}
