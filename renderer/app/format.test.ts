import { describe, expect, it } from 'vitest';
import { durationOf, formatWhen, fromDateInput, splitNames, toDateInput } from './format';

const BEIJING = (iso: string) => Date.parse(`${iso}+08:00`);

describe('how the wall writes times', () => {
  it('says the time alone today (Beijing), the date with it on other days — whatever the machine’s zone', () => {
    const now = BEIJING('2026-11-23T00:30:00');
    expect(formatWhen(BEIJING('2026-11-23T00:05:00'), now)).toBe('00:05');
    expect(formatWhen(BEIJING('2026-11-22T23:55:00'), now)).toBe('11/22 23:55');
  });

  it('says a span in minutes under an hour, hours under two days, else days — never 0', () => {
    expect(durationOf(0)).toEqual({ unit: 'minutes', n: 1 });
    expect(durationOf(59 * 60_000)).toEqual({ unit: 'minutes', n: 59 });
    expect(durationOf(60 * 60_000)).toEqual({ unit: 'hours', n: 1 });
    expect(durationOf(47 * 3_600_000 + 59 * 60_000)).toEqual({ unit: 'hours', n: 47 });
    expect(durationOf(48 * 3_600_000)).toEqual({ unit: 'days', n: 2 });
  });

  it('takes a deadline typed as a date as 18:00 Beijing that day, and shows it back as that date', () => {
    const at = fromDateInput('2026-11-30');
    expect(at).toBe(BEIJING('2026-11-30T18:00:00'));
    expect(toDateInput(at)).toBe('2026-11-30');
    // Late evening in Beijing is still that day (UTC is already the next).
    expect(toDateInput(BEIJING('2026-11-30T23:30:00'))).toBe('2026-11-30');
  });

  it('splits names typed with Chinese or Latin commas or 、', () => {
    expect(splitNames('区城管局，区住建局、 任港街道 ,,')).toEqual(['区城管局', '区住建局', '任港街道']);
  });
});
