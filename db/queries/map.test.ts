import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { Ticket } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { changedPoints, closedHeat, openPoints, unplacedOpenCount } from './map';
import { latestChangeMark, upsertTickets } from './ticket-write';

const NOW = Date.UTC(2026, 10, 23, 4);
let db: Store;
let tickets: Ticket[];
const write = (ts: Ticket[]) => upsertTickets(db, ts.map((ticket) => ({ ticket, timeline: [] })));
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
  // Every ticket exact to begin with: the cases below are made by hand.
  tickets = generateTickets(400, { seed: 11, now: NOW }).map((g) => ({ ...g.ticket, placement: 'exact' as const, lng: g.ticket.lng ?? 120.87, lat: g.ticket.lat ?? 32.02 }));
  await write(tickets);
});
afterEach(() => db.destroy());

const unplace = (t: Ticket): Ticket => ({ ...t, placement: 'none', lng: null, lat: null });

describe('the map in SQL', () => {
  it('makes no point and no heat of an unplaced ticket, no heat of one at its sub-district centre, counts the open unplaced, and says which points are approximate', async () => {
    const open = tickets.filter((t) => t.status !== 'closed');
    const closed = tickets.filter((t) => t.status === 'closed');
    const heatBefore = (await closedHeat(db, 0, 0.002)).filter((_, i) => i % 3 === 2).reduce((a, n) => a + n, 0);
    await write([unplace(open[0]!), unplace(open[1]!), unplace(closed[0]!), { ...open[2]!, placement: 'subDistrict' }, { ...open[3]!, placement: 'community' }, { ...closed[1]!, placement: 'subDistrict' }, { ...closed[2]!, placement: 'compound' }]);
    const points = await openPoints(db, NOW);
    expect(points.map((p) => p.ticket_no).sort()).toEqual(open.slice(2).map((t) => t.ticketNo).sort());
    expect(points.every((p) => typeof p.lng === 'number' && typeof p.lat === 'number')).toBe(true);
    expect(points.filter((p) => p.approximate).map((p) => p.ticket_no).sort()).toEqual([open[2]!.ticketNo, open[3]!.ticketNo].sort());
    expect(await unplacedOpenCount(db)).toBe(2);
    const heatAfter = (await closedHeat(db, 0, 0.002)).filter((_, i) => i % 3 === 2).reduce((a, n) => a + n, 0);
    expect(heatAfter).toBe(heatBefore - 2);
    // The count is an index read.
    const plan = (await sql<{ detail: string }>`explain query plan select count(*) from tickets where lng is null and status <> 'closed'`.execute(db)).rows.map((r) => r.detail).join(' ');
    expect(plan).toContain('tickets_unplaced');
  });

  it('takes off a ticket that loses its point, and never brings one back by the clock', async () => {
    const mark = await latestChangeMark(db);
    const soon = tickets.filter((t) => !['resolved', 'closed'].includes(t.status) && t.deadlineAt > NOW).sort((a, b) => a.deadlineAt - b.deadlineAt);
    await write([unplace(soon[0]!), { ...soon[1]!, placement: 'compound' }]);
    const later = soon[1]!.deadlineAt + 1;
    const rows = await changedPoints(db, mark, await latestChangeMark(db), NOW, later);
    const lost = rows.filter((r) => r.ticket_no === soon[0]!.ticketNo);
    expect(lost).toEqual([expect.objectContaining({ gone: 1, lng: null, lat: null })]);
    const moved = rows.filter((r) => r.ticket_no === soon[1]!.ticketNo);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((r) => r.gone === 0 && r.approximate === 1 && r.overdue === 1)).toBe(true);
  });
});
