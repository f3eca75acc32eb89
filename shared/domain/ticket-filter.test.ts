import { describe, expect, it } from 'vitest';
import { encodeCursor, mergeNewestFirst, newestFirst } from './ticket-filter';

const t = (receivedAt: number, ticketNo: string) => ({ receivedAt, ticketNo });

describe("the stream's order", () => {
  it('merges pushed tickets into the shown ones in one pass, newest first, keeping at most the newest max', () => {
    const shown = [t(90, 'A-9'), t(70, 'A-7'), t(50, 'A-5'), t(50, 'A-4'), t(10, 'A-1')];
    const pushed = [t(100, 'B-10'), t(60, 'B-6'), t(50, 'B-45'), t(5, 'B-0')];
    const all = [...shown, ...pushed].sort(newestFirst);
    expect(mergeNewestFirst(shown, pushed, 100)).toEqual(all);
    // A wall left on: the oldest go once there are more than max (they come back with "load more").
    expect(mergeNewestFirst(shown, pushed, 4)).toEqual(all.slice(0, 4));
    expect(mergeNewestFirst([], pushed, 2)).toEqual([t(100, 'B-10'), t(60, 'B-6')]);
  });

  it('continues after the last row kept: the keyset cursor of a ticket', () => {
    expect(encodeCursor(t(1795406400000, '12345-20261124-000188'))).toBe('1795406400000:12345-20261124-000188');
  });
});
