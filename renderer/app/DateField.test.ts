import { describe, expect, it } from 'vitest';
import { parseDay } from './DateField';

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
