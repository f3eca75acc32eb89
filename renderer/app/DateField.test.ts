import { describe, expect, it } from 'vitest';
import { parseDay, sayDay } from './DateField';

describe('a day typed', () => {
  it('is taken only as a real calendar day written yyyy-mm-dd', () => {
    expect(parseDay('2026-12-03')).toBe('2026-12-03');
    expect(parseDay(' 2028-02-29 ')).toBe('2028-02-29');
    expect(parseDay('2026-02-29')).toBeNull(); // not a leap year
    expect(parseDay('2026-11-31')).toBeNull();
    expect(parseDay('2026-1-3')).toBeNull();
    expect(parseDay('12/03/2026')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});

describe('a day said in words', () => {
  const now = Date.parse('2026-12-03T04:00:00Z');
  it('names its year only when it is not this year', () => {
    expect(sayDay('2026-12-03', 'zh-CN', now)).toBe('12月3日星期四');
    expect(sayDay('2027-01-02', 'zh-CN', now)).toBe('2027年1月2日星期六');
    expect(sayDay('2027-01-02', 'en', now)).toMatch(/2 Jan.* 2027$/);
  });
});
