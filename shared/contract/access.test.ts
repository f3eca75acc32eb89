import { describe, expect, it } from 'vitest';
import { DESK_ONLY_METHODS, mayCall, WALL_METHODS } from './access';
import { liandongContract } from './index';

describe('who may call what', () => {
  it('puts every method of the contract in exactly one list (a new method must be classified)', () => {
    const all = [...WALL_METHODS, ...DESK_ONLY_METHODS];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(Object.keys(liandongContract.methods).sort());
  });
  it('lets a wall screen read and never act, change settings or read the audit trail', () => {
    for (const m of WALL_METHODS) expect(mayCall('wall', m)).toBe(true);
    for (const m of DESK_ONLY_METHODS) expect(mayCall('wall', m)).toBe(false);
    for (const m of DESK_ONLY_METHODS) expect(mayCall('desk', m)).toBe(true);
  });
});
