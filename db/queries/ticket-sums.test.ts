import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../shared/domain/deadlines';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { openStore } from '../open';
import { upsertTickets } from './ticket-write';

describe('the KPI sums’ days', () => {
  it('put a ticket on the Beijing day the rest of the console counts it on, at day boundaries and at the last instant a ticket may have', async () => {
    const store = await openStore({ filename: ':memory:' });
    try {
      const instants = [0, 57_599_999, 57_600_000, Date.UTC(2026, 10, 22, 15, 59, 59, 999), Date.UTC(2026, 10, 22, 16), 253_402_271_999_999];
      const records = generateTickets(instants.length, { seed: 3, now: Date.UTC(2026, 10, 22) }).map((r, i) => ({
        ...r,
        ticket: { ...r.ticket, ticketNo: `B-${i}`, receivedAt: instants[i]!, deadlineAt: instants[i]!, status: 'received' as const, satisfaction: null, subDistrictCode: `S${i}` },
        timeline: [],
      }));
      await upsertTickets(store, records);
      const kpi = (await sql<{ sub_district_code: string; day: string }>`select sub_district_code, day from kpi_day order by sub_district_code`.execute(store)).rows;
      const tally = (await sql<{ sub_district_code: string; deadline_day: string }>`select sub_district_code, deadline_day from ticket_tally order by sub_district_code`.execute(store)).rows;
      expect(kpi.map((r) => r.day)).toEqual(instants.map((ms) => beijingDate(ms)));
      expect(tally.map((r) => r.deadline_day)).toEqual(instants.map((ms) => beijingDate(ms)));
    } finally {
      await store.destroy();
    }
  });
});
