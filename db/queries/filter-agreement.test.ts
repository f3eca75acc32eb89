/** The store's SQL filter and the pure matchesFilter (used by screens to place pushed tickets) agree. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { matchesFilter, newestFirst, type TicketFilter } from '../../shared/domain/ticket-filter';
import type { Ticket } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { listTickets } from './tickets';
import { upsertTickets } from './ticket-write';

const NOW = Date.UTC(2026, 10, 23, 4);
let db: Store;
let all: Ticket[];
beforeAll(async () => {
  db = await openStore({ filename: ':memory:' });
  const gen = generateTickets(3000, { now: NOW, seed: 31 });
  all = gen.map((g) => g.ticket);
  await upsertTickets(db, gen);
});
afterAll(() => db.destroy());

const FILTERS: TicketFilter[] = [
  {},
  { status: ['onSite', 'returned'] },
  { openOnly: true, whistleLevel: ['key', 'difficult'] },
  { overdueOnly: true },
  { dueSoonOnly: true, subDistrictCode: ['320613003', '320613008', '320613001'] },
  { dueSoonOnly: true },
  { crossOnly: true, subDistrictCode: ['320613003', '320613008'] },
  { category: ['lift', 'roofLeak'], source: ['gridReport'] },
  { search: '电梯' },
  { search: 'wg-2026' },
  { search: '景华城', openOnly: true },
];

describe('SQL filter and matchesFilter', () => {
  for (const f of FILTERS) {
    it(`agree on ${JSON.stringify(f)}`, async () => {
      const sqlNos = (await listTickets(db, f, { limit: 3000 }, NOW)).items.map((t) => t.ticketNo);
      const pureNos = all.filter((t) => matchesFilter(t, f, NOW)).sort(newestFirst).map((t) => t.ticketNo);
      expect(pureNos).toEqual(sqlNos);
    });
  }
});
