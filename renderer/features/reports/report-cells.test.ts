import { describe, expect, it } from 'vitest';
import { changeText, comparedCount, pointsOf, shareText } from './report-cells';

describe('a report’s figures on screen', () => {
  it('says shares and changes, and "—" where there is nothing to compare with', () => {
    expect(shareText(0.8123)).toBe('81.2%');
    expect(shareText(null)).toBe('—');
    expect(changeText(120, 100)).toBe('+20.0%');
    expect(changeText(80, 100)).toBe('-20.0%');
    expect(changeText(5, 0)).toBe('—');
    expect(changeText(0, 0)).toBe('0');
    expect(changeText(5, null)).toBe('—');
    expect(pointsOf(0.9, 0.925)).toEqual({ sign: '-', n: '2.5' });
    expect(pointsOf(null, 0.5)).toBeNull();
    expect(comparedCount({ n: 10, previous: null, yearBefore: 8 })).toEqual({ n: '10', previous: '—', mom: '—', yearBefore: '8', yoy: '+25.0%' });
  });
});
