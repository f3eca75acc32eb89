import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTokens } from '../auth';
import { startHub, type Hub } from '../hub-server';
import { movesPerIntake, startDemoFeed } from './demo-feed';

const NOW = Date.UTC(2026, 10, 23, 3);
let hub: Hub;
beforeEach(async () => {
  hub = await startHub({ filename: ':memory:', tokens: generateTokens(), clock: () => NOW });
});
afterEach(() => hub.close());

const openTickets = async () =>
  Number((await sql<{ n: number }>`select count(*) as n from hub_tickets where body not like '%"status":"closed"%'`.execute(hub.store.db)).rows[0]!.n);

describe('demo feed', () => {
  it('moves more tickets along the more are open: fewer than a closure per new ticket below the steady level, more above', () => {
    expect(movesPerIntake(0, 1000)).toBe(1);
    expect(movesPerIntake(300, 1000)).toBeLessThan(5);
    expect(movesPerIntake(1000, 1000)).toBe(6);
    expect(movesPerIntake(2000, 1000)).toBe(12);
    expect(movesPerIntake(1e6, 1000)).toBe(12);
  });

  it('settles at the steady number of open tickets instead of piling them up (a wall left running for a week)', async () => {
    const feed = startDemoFeed(hub, { ticketsPerMinute: 1, seed: 7, clock: () => NOW, steadyOpen: 30 });
    try {
      const opens: number[] = [];
      for (let i = 0; i < 400; i++) {
        await feed.tick();
        if (i % 50 === 49) opens.push(await openTickets());
      }
      expect(await hub.store.count()).toBe(400);
      // Two moves per new ticket (the feed before) had 127 open after 150 new tickets here, and rising.
      for (const n of opens.slice(2)) expect(n).toBeLessThan(60);
      expect(opens.at(-1)).toBeGreaterThan(10);
    } finally {
      feed.stop();
    }
  });
});
