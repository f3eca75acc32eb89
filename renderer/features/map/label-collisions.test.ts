import { describe, expect, it } from 'vitest';
import { keepApart } from './label-collisions';

const box = (left: number, top: number, w = 100, h = 40) => ({ left, top, right: left + w, bottom: top + h });

describe('area labels kept apart', () => {
  it('keeps the busiest of overlapping labels and every label that overlaps none kept', () => {
    // 0 busiest; 1 overlaps 0; 2 overlaps 1 only (1 is hidden, so 2 stays); 3 far away.
    expect([...keepApart([box(0, 0), box(50, 20), box(140, 30), box(400, 400)])].sort()).toEqual([0, 2, 3]);
  });
  it('labels that only touch are both kept', () => {
    expect(keepApart([box(0, 0), box(100, 0)]).size).toBe(2);
  });
});
