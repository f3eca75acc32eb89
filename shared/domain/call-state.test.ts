import { describe, expect, it } from 'vitest';
import { callState, RING_MS } from './call-state';

const T = Date.UTC(2026, 10, 30, 2);

describe('a call to a station', () => {
  it('rings while the station is on line and the ring time is not up', () => {
    expect(callState({ calledAt: T, answeredAt: null }, true, T + 1_000)).toBe('ringing');
  });
  it('is unanswered once the ring time is up, or as soon as the station is no longer on line', () => {
    expect(callState({ calledAt: T, answeredAt: null }, true, T + RING_MS)).toBe('unanswered');
    expect(callState({ calledAt: T, answeredAt: null }, false, T + 1_000)).toBe('unanswered');
  });
  it('is answered once the station said 收到, whatever came after', () => {
    expect(callState({ calledAt: T, answeredAt: T + 900 }, false, T + 10 * RING_MS)).toBe('answered');
  });
});
