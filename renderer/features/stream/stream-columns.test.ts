import { describe, expect, it } from 'vitest';
import { layoutColumns, SUMMARY_MIN_REM } from './stream-columns';

const REM = 20;
// Widths (px) as measured at 1920×1080 in Chinese.
const NEED = { time: 92, ticketNo: 316, category: 132, subDistrict: 108, whistle: 98, status: 110 };

describe('stream columns from the width the stream has', () => {
  it('a wide stream shows every column and gives the complaint the rest', () => {
    const l = layoutColumns(NEED, 1600, REM);
    expect(l.moved).toEqual([]);
    expect(l.shown.find((c) => c.column === 'summary')!.px).toBe(1600 - 856);
  });

  it('at 1080p (about 1000 px) the ticket number moves into the second line, the complaint keeps its least width', () => {
    const l = layoutColumns(NEED, 1000, REM);
    expect(l.moved).toEqual(['ticketNo']);
    expect(l.shown.map((c) => c.column)).toEqual(['time', 'category', 'summary', 'subDistrict', 'whistle', 'status']);
    expect(l.shown.find((c) => c.column === 'summary')!.px).toBeGreaterThanOrEqual(SUMMARY_MIN_REM * REM);
  });

  it('with a card open (about 700 px, 1080p) more columns move, whistle and category before the address, and the complaint is still at least its least width', () => {
    const l = layoutColumns(NEED, 700, REM);
    expect(l.moved).toEqual(['whistle', 'category', 'ticketNo']);
    expect(l.shown.find((c) => c.column === 'summary')!.px).toBeGreaterThanOrEqual(SUMMARY_MIN_REM * REM);
    expect(l.shown.reduce((a, c) => a + c.px, 0)).toBe(700);
  });

  it('never gives the complaint a negative width however narrow', () => {
    const l = layoutColumns(NEED, 200, REM);
    expect(l.shown.find((c) => c.column === 'summary')!.px).toBe(0);
    expect(l.moved).toEqual(['whistle', 'category', 'subDistrict', 'ticketNo']);
  });
});
