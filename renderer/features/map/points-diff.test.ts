import { describe, expect, it } from 'vitest';
import { POINT_APPROXIMATE, POINT_OVERDUE, type MapPoints } from '../../../shared/contract/map';
import { applyPoints, changesSomething, overdueCoords, type HeldPoint } from './points-diff';

const answer = (p: Partial<MapPoints> & Pick<MapPoints, 'ticketNos'>): MapPoints => ({
  full: false,
  removed: [],
  coords: p.ticketNos.flatMap((_, i) => [120 + i, 32 + i]),
  status: p.ticketNos.map(() => 0),
  whistle: p.ticketNos.map(() => 0),
  flags: p.ticketNos.map(() => 0),
  version: 'v',
  unplaced: 0,
  asOf: 0,
  ...p,
});

describe('the map’s points, kept by difference', () => {
  it('replaces everything on a full answer', () => {
    const held = new Map<string, HeldPoint>([['OLD', { lng: 1, lat: 1, s: 0, w: 0, f: 0 }]]);
    const change = applyPoints(held, answer({ full: true, ticketNos: ['A', 'B'] }));
    expect([...held.keys()]).toEqual(['A', 'B']);
    expect('full' in change && change.full.map((f) => f.properties!.no)).toEqual(['A', 'B']);
  });

  it('drops closed tickets, re-adds moved ones and adds new ones, and says nothing changed when nothing did', () => {
    const held = new Map<string, HeldPoint>();
    applyPoints(held, answer({ full: true, ticketNos: ['A', 'B', 'C'] }));
    const change = applyPoints(held, answer({ removed: ['A', 'GONE'], ticketNos: ['B', 'D'], flags: [POINT_OVERDUE, POINT_APPROXIMATE] }));
    expect(change).toMatchObject({ remove: ['A', 'B'] });
    expect('add' in change && change.add.map((f) => [f.properties!.no, f.properties!.o, f.properties!.a])).toEqual([
      ['B', 1, 0],
      ['D', 0, 1],
    ]);
    expect([...held.keys()].sort()).toEqual(['B', 'C', 'D']);
    expect(changesSomething(applyPoints(held, answer({ ticketNos: [] })))).toBe(false);
  });

  it('lists the overdue tickets’ coordinates for the halo', () => {
    const held = new Map<string, HeldPoint>();
    applyPoints(held, answer({ full: true, ticketNos: ['A', 'B'], coords: [120.1, 32.1, 120.2, 32.2], flags: [0, POINT_OVERDUE] }));
    expect(overdueCoords(held)).toEqual([120.2, 32.2]);
  });
});
