import { describe, expect, it } from 'vitest';
import { beijingDate, calendarKnowsYear, deadlineFor, ruleFor } from './deadlines';

/** An instant given as Beijing local time. */
const bj = (local: string) => Date.parse(`${local}+08:00`);

describe('deadlines in working days (Chinese holiday calendar)', () => {
  it('skips the National Day holiday and counts the 调休 Saturday as a working day', () => {
    // Wed 30 Sep 2026 → 8 Thu, 9 Fri, 10 Sat (make-up working day), 12 Mon, 13 Tue.
    const d = deadlineFor(bj('2026-09-30T16:20:00'), { limitDays: 5, rule: 'working' });
    expect(beijingDate(d.deadlineAt)).toBe('2026-10-13');
    expect(d.deadlineAt).toBe(bj('2026-10-13T23:59:59.999'));
    expect(d.calendarKnown).toBe(true);
  });

  it('counts the Spring Festival make-up Saturday (28 Feb 2026) and skips the holiday', () => {
    // Fri 13 Feb 2026: 14 Sat is a 调休 working day (1); 15–23 Feb is the holiday; 24 Tue (2), 25 (3).
    expect(beijingDate(deadlineFor(bj('2026-02-13T09:00:00'), { limitDays: 3, rule: 'working' }).deadlineAt)).toBe('2026-02-25');
  });

  it('skips an ordinary weekend', () => {
    // Fri 20 Nov 2026 + 1 working day → Mon 23 Nov.
    expect(beijingDate(deadlineFor(bj('2026-11-20T10:00:00'), { limitDays: 1, rule: 'working' }).deadlineAt)).toBe('2026-11-23');
  });

  it('uses Beijing dates: a ticket at 01:00 Beijing (still the previous day in UTC) counts from its Beijing day', () => {
    const d = deadlineFor(bj('2026-11-24T01:00:00'), { limitDays: 1, rule: 'natural' });
    expect(d.deadlineAt).toBe(bj('2026-11-25T23:59:59.999'));
  });

  it('counts natural days straight through holidays', () => {
    expect(beijingDate(deadlineFor(bj('2026-09-30T12:00:00'), { limitDays: 2, rule: 'natural' }).deadlineAt)).toBe('2026-10-02');
  });

  it('says when the calendar does not know a year yet, instead of pretending', () => {
    expect(calendarKnowsYear(2026)).toBe(true);
    expect(calendarKnowsYear(2099)).toBe(false);
    expect(deadlineFor(bj('2099-03-02T10:00:00'), { limitDays: 5, rule: 'working' }).calendarKnown).toBe(false);
  });

  it('has a rule per category and a fallback for unknown ones', () => {
    expect(ruleFor('lift')).toEqual({ limitDays: 3, rule: 'working' });
    expect(ruleFor('unheard-of')).toEqual({ limitDays: 5, rule: 'working' });
    expect(ruleFor('lift', { lift: { limitDays: 1, rule: 'natural' } })).toEqual({ limitDays: 1, rule: 'natural' });
  });
});
