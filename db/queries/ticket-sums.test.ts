import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../open';
import { sumsOf } from './ticket-sums';

describe("the checker's sums", () => {
  it("put a ticket on the Beijing day SQLite's triggers put it on, at day boundaries and where SQLite's dates end", async () => {
    const store = await openStore({ filename: ':memory:' });
    try {
      const instants = [0, 57_599_999, 57_600_000, Date.UTC(2026, 10, 22, 15, 59, 59, 999), Date.UTC(2026, 10, 22, 16), 253_402_271_999_999, 253_402_272_000_000, Number.MAX_SAFE_INTEGER];
      for (const ms of instants) {
        const ticket = { receivedAt: ms, deadlineAt: ms, subDistrictCode: '320613001', category: 'noise', status: 'received' as const, satisfaction: null };
        const { kpi, tally } = sumsOf([{ ticket, resolvedAt: null, returnCount: 0 }]);
        const { rows } = await sql<{ day: string | null }>`select date(${ms} / 1000 + 28800, 'unixepoch') as day`.execute(store);
        expect([ms, JSON.parse(kpi)[0][0]]).toEqual([ms, rows[0]!.day]);
        expect([ms, JSON.parse(tally)[0][2]]).toEqual([ms, rows[0]!.day]);
      }
    } finally {
      await store.destroy();
    }
  });
});
