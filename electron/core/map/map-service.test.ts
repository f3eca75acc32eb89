import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db/open';
import { upsertTickets } from '../../../db/queries/ticket-write';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { POINT_APPROXIMATE, POINT_OVERDUE, type MapPoints } from '../../../shared/contract/map';
import type { Ticket } from '../../../shared/domain/ticket';
import { MapService } from './map-service';

const NOW = Date.UTC(2026, 10, 23, 4);
const RESOURCES = path.join(__dirname, '..', '..', '..', 'resources');
let db: Store;
let tickets: Ticket[];
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
  const gen = generateTickets(600, { seed: 5, now: NOW });
  tickets = gen.map((g) => g.ticket);
  await write(gen);
});
/** A write as the console's sync makes one: one transaction, one change mark. */
const write = (records: Parameters<typeof upsertTickets>[1]) => upsertTickets(db, records);
afterEach(() => db.destroy());

/** The open tickets with a point (the unplaced have none). */
const openNos = (ts: Ticket[]) => ts.filter((t) => t.status !== 'closed' && t.lng !== null).map((t) => t.ticketNo).sort();
/** What a screen holds after applying an answer to what it held. */
function apply(held: Map<string, number>, p: MapPoints): Map<string, number> {
  const next = p.full ? new Map<string, number>() : new Map(held);
  for (const no of p.removed) next.delete(no);
  p.ticketNos.forEach((no, i) => next.set(no, p.status[i]!));
  return next;
}

describe('map points', () => {
  it('answer in full first, then with what changed since the version a screen holds', async () => {
    const map = new MapService(db, RESOURCES, () => NOW);
    const first = await map.points();
    expect(first.full).toBe(true);
    expect([...first.ticketNos].sort()).toEqual(openNos(tickets));
    let held = apply(new Map(), first);

    // Nothing changed: an empty difference.
    const same = await map.points(first.version);
    expect(same).toMatchObject({ full: false, ticketNos: [], removed: [] });

    // One ticket closes, one moves on a status, one is new.
    const open = tickets.filter((t) => t.status === 'dispatched');
    const closing = { ...open[0]!, status: 'closed' as const, updatedAt: NOW };
    const moving = { ...open[1]!, status: 'accepted' as const, updatedAt: NOW };
    const fresh = { ...tickets[0]!, ticketNo: 'NEW-1', status: 'received' as const };
    await write([closing, moving, fresh].map((ticket) => ({ ticket, timeline: [] })));
    const diff = await map.points(same.version);
    expect(diff.full).toBe(false);
    expect(diff.removed).toEqual([closing.ticketNo]);
    expect([...diff.ticketNos].sort()).toEqual([moving.ticketNo, 'NEW-1'].sort());
    held = apply(held, diff);
    // Applied, the difference leaves the screen with exactly what a full answer has.
    const full = await map.points();
    expect(held).toEqual(apply(new Map(), full));
  });

  it('bring in the tickets that became overdue by the clock alone', async () => {
    let now = NOW;
    const map = new MapService(db, RESOURCES, () => now);
    const first = await map.points();
    const soon = tickets.filter((t) => !['resolved', 'closed'].includes(t.status) && t.deadlineAt >= NOW).sort((a, b) => a.deadlineAt - b.deadlineAt).slice(0, 3);
    now = soon.at(-1)!.deadlineAt + 1;
    const diff = await map.points(first.version);
    expect(diff.full).toBe(false);
    for (const t of soon) {
      const i = diff.ticketNos.indexOf(t.ticketNo);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(diff.flags[i]! & POINT_OVERDUE).toBe(POINT_OVERDUE);
    }
    const full = await map.points();
    expect(apply(apply(new Map(), first), diff)).toEqual(apply(new Map(), full));
  });

  it('answer in full when asked since a version they do not know (nonsense, or from before a restart)', async () => {
    const map = new MapService(db, RESOURCES, () => NOW);
    expect((await map.points('nonsense')).full).toBe(true);
    const latest = await map.points();
    const restarted = new MapService(db, RESOURCES, () => NOW);
    expect((await restarted.points(latest.version)).full).toBe(true);
  });

  it('never make an unplaced ticket a point, count the open ones, and flag the approximate', async () => {
    const open = tickets.filter((t) => t.status !== 'closed' && t.status !== 'resolved');
    const exact = { ...open.find((t) => t.deadlineAt > NOW)!, placement: 'exact' as const };
    const [a, b] = open.filter((t) => t.ticketNo !== exact.ticketNo);
    const approx = { ...a!, placement: 'compound' as const };
    const unplaced = { ...b!, placement: 'none' as const, lng: null, lat: null };
    const closedUnplaced = { ...tickets.find((t) => t.status === 'closed')!, placement: 'none' as const, lng: null, lat: null };
    await write([exact, approx, unplaced, closedUnplaced].map((ticket) => ({ ticket, timeline: [] })));
    let now = NOW;
    const map = new MapService(db, RESOURCES, () => now);
    const first = await map.points();
    const openUnplaced = [...tickets.filter((t) => ![unplaced.ticketNo, closedUnplaced.ticketNo].includes(t.ticketNo)), unplaced].filter((t) => t.status !== 'closed' && t.lng === null).length;
    expect(first.unplaced).toBe(openUnplaced);
    expect(first.ticketNos).not.toContain(unplaced.ticketNo);
    expect(first.coords.every((c) => typeof c === 'number' && Number.isFinite(c))).toBe(true);
    const flagOf = (p: MapPoints, no: string) => p.flags[p.ticketNos.indexOf(no)]!;
    expect(flagOf(first, approx.ticketNo) & POINT_APPROXIMATE).toBe(POINT_APPROXIMATE);
    expect(flagOf(first, exact.ticketNo) & POINT_APPROXIMATE).toBe(0);
    // Every point not exact is flagged, every exact one is not.
    const byNo = new Map(tickets.map((t) => [t.ticketNo, t]));
    byNo.set(exact.ticketNo, exact).set(approx.ticketNo, approx);
    first.ticketNos.forEach((no, i) => expect(Boolean(first.flags[i]! & POINT_APPROXIMATE)).toBe(byNo.get(no)!.placement !== 'exact'));

    // The exact ticket loses its point (re-imported without one): it leaves the map, and the count grows.
    const lost = { ...exact, placement: 'none' as const, lng: null, lat: null, updatedAt: NOW + 1 };
    await write([{ ticket: lost, timeline: [] }]);
    const diff = await map.points(first.version);
    expect(diff.removed).toEqual([exact.ticketNo]);
    expect(diff.ticketNos).toEqual([]);
    expect(diff.unplaced).toBe(openUnplaced + 1);
    // …nor does it come back as a point when it becomes overdue by the clock.
    now = lost.deadlineAt + 1;
    const overdue = await map.points(diff.version);
    expect(overdue.full).toBe(false);
    expect(overdue.ticketNos).not.toContain(lost.ticketNo);
    expect((await map.points()).ticketNos).not.toContain(lost.ticketNo);
  });
});
