import { describe, expect, it } from 'vitest';
import { dispatchedTo, returnsByUnit, returnsOf } from './returns';
import type { TimelineEntry } from './ticket';

const e = (kind: TimelineEntry['kind'], actor: string, note = '', at = 0): TimelineEntry => ({ kind, actor, note, at });

describe('returns (退单)', () => {
  it('reads the unit a dispatch sends to', () => {
    expect(dispatchedTo(e('dispatched', '区指挥中心', '派任港街道'))).toBe('任港街道');
    expect(dispatchedTo(e('dispatched', '区指挥中心', '改派区城管局'))).toBe('区城管局');
    expect(dispatchedTo(e('dispatched', '区指挥中心', ''))).toBeUndefined();
    expect(dispatchedTo(e('commented', '区指挥中心', '派任港街道'))).toBeUndefined();
  });

  it('flags a return as arbitrary when the ticket is later dispatched back to the unit that returned it', () => {
    const timeline = [
      e('received', '12345热线'),
      e('dispatched', '区指挥中心', '派区城管局', 1),
      e('returned', '区城管局', '不属于本单位职责', 2),
      e('dispatched', '区指挥中心', '改派区住建局', 3),
      e('returned', '区住建局', '应由城管处理', 4),
      e('dispatched', '区指挥中心', '改派区城管局', 5),
    ];
    expect(returnsOf(timeline)).toEqual([
      { unit: '区城管局', at: 2, reason: '不属于本单位职责', arbitrary: true },
      { unit: '区住建局', at: 4, reason: '应由城管处理', arbitrary: false },
    ]);
  });

  it('counts returns per unit, with the arbitrary ones', () => {
    const a = [e('returned', '区城管局', 'x'), e('dispatched', '区指挥中心', '改派区城管局')];
    const b = [e('returned', '区城管局', 'y'), e('dispatched', '区指挥中心', '改派区住建局')];
    const c = [e('returned', '任港街道', 'z')];
    expect(returnsByUnit([a, b, c])).toEqual([
      { unit: '区城管局', returns: 2, arbitrary: 1 },
      { unit: '任港街道', returns: 1, arbitrary: 0 },
    ]);
  });
});
