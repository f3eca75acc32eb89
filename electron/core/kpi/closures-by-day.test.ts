import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { openStore, type Store } from '../../../db/open';
import { beijingDayStart } from '../../../db/queries/kpi';
import { upsertTickets } from '../../../db/queries/ticket-write';
import { closuresByDay, REFRESH_MS } from './closures-by-day';

const NOW = Date.UTC(2026, 10, 23, 6);
const DAY = 86_400_000;
let db: Store;
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
});
afterEach(() => db.destroy());

const resolvedAt = async (no: string, at: number) => {
  const [r] = generateTickets(1, { now: NOW, seed: no.length + at % 97 });
  await upsertTickets(db, [{ ticket: { ...r!.ticket, ticketNo: no, receivedAt: at - DAY, status: 'resolved' }, timeline: [{ at, kind: 'resolved', actor: 'x', note: '' }] }]);
};

describe('closures by the day resolved, as the wall refreshes them', () => {
  it('counts today at every refresh and keeps earlier days until they are due to be counted again', async () => {
    let clock = NOW;
    const closures = closuresByDay(() => clock);
    const today = beijingDayStart(NOW);
    const from = today - 29 * DAY;
    await resolvedAt('A', today - 3 * DAY + 1000);
    await resolvedAt('B', today + 1000);
    expect(Object.fromEntries(await closures(db, from, NOW))).toEqual({ '2026-11-20': 1, '2026-11-23': 1 });
    // A closure today shows at once; one resolved (late-recorded) on an earlier day waits for the next count.
    await resolvedAt('C', today + 2000);
    await resolvedAt('D', today - 3 * DAY + 2000);
    expect(Object.fromEntries(await closures(db, from, NOW))).toEqual({ '2026-11-20': 1, '2026-11-23': 2 });
    clock += REFRESH_MS + 1;
    expect(Object.fromEntries(await closures(db, from, NOW))).toEqual({ '2026-11-20': 2, '2026-11-23': 2 });
    // A new day counts everything again.
    await resolvedAt('E', today - 1 * DAY + 5);
    expect(Object.fromEntries(await closures(db, from + DAY, NOW + DAY))).toEqual({ '2026-11-20': 2, '2026-11-22': 1, '2026-11-23': 2 });
  });
});
