/** How the report's figures read on screen: shares, changes against the period before, points, "—" where none. */
import type { Compared, ComparedRate } from '../../../shared/contract';

export const NONE = '—';
export const shareText = (x: number | null) => (x === null ? NONE : `${(x * 100).toFixed(1)}%`);
export const changeText = (n: number, before: number | null) => (before === null || before === 0 ? (before === 0 && n === 0 ? '0' : NONE) : `${n >= before ? '+' : ''}${(((n - before) / before) * 100).toFixed(1)}%`);
/** A rate's change in percentage points (the catalogue's reports.points says it). */
export const pointsOf = (v: number | null, before: number | null): { sign: string; n: string } | null => (v === null || before === null ? null : { sign: v >= before ? '+' : '-', n: (Math.abs(v - before) * 100).toFixed(1) });

export type ComparedRow = { n: string; previous: string; mom: string; yearBefore: string; yoy: string };
export const comparedCount = (c: Compared): ComparedRow => ({ n: String(c.n), previous: c.previous === null ? NONE : String(c.previous), mom: changeText(c.n, c.previous), yearBefore: c.yearBefore === null ? NONE : String(c.yearBefore), yoy: changeText(c.n, c.yearBefore) });
export const comparedRate = (c: ComparedRate, points: (p: { sign: string; n: string } | null) => string): ComparedRow => ({
  n: shareText(c.value),
  previous: shareText(c.previous),
  mom: points(pointsOf(c.value, c.previous)),
  yearBefore: shareText(c.yearBefore),
  yoy: points(pointsOf(c.value, c.yearBefore)),
});
