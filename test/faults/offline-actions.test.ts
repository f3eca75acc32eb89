/**
 * Fault test: 1,000 actions queued while offline are each applied exactly once at the hub, delivered
 * through a connection that is cut 30 times, with one answer in ten lost after the hub applied it.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTickets, prng } from '../../hub/demo/ticket-generator';
import { generateTokens } from '../../hub/auth';
import { startHub } from '../../hub/hub-server';
import { openStore } from '../../db/open';
import { HubLink } from '../../electron/core/sync/hub-link';
import { Outbox } from '../../electron/core/sync/outbox';
import type { TicketRecord } from '../../shared/domain/ticket';
import { startCuttingProxy } from '../support/tcp-proxy';
import { FAST_RETRY, interfere } from '../support/sync-rig';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('1,000 actions made offline', () => {
  it('are each applied exactly once at the hub, through cuts and lost answers', async () => {
    const hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
    cleanups.push(() => hub.close());
    const recs = generateTickets(300, { now: Date.UTC(2026, 10, 23, 10), seed: 77 });
    await hub.ingest(recs);
    const proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 30, minBytes: 4 * 1024, maxBytes: 64 * 1024, seed: 3 });
    cleanups.push(() => proxy.close());

    const store = await openStore({ filename: ':memory:' });
    cleanups.push(() => store.destroy());
    const link = new HubLink({ url: proxy.url, token: hub.tokens.byRole('chair')!.token, reconnectDelayMs: 5, reconnectDelayMaxMs: 50, actTimeoutMs: 1000 });
    cleanups.push(async () => link.close());
    const rnd = prng(5);
    let lost = 0;
    const conn = interfere(link, {
      act: async (_a, real) => {
        const answer = await real();
        if (rnd() < 0.1) {
          lost++;
          throw new Error('answer lost');
        }
        return answer;
      },
    });
    let pending = -1;
    let outboxDone: () => void = () => {};
    const settled = new Promise<void>((resolve) => {
      outboxDone = resolve;
    });
    const outbox = new Outbox({ store, link: conn, retry: FAST_RETRY, onChanged: (_i, p) => ((pending = p), p === 0 && outboxDone()) });
    cleanups.push(async () => outbox.stop());

    // Offline: nothing is connected yet.
    const notes: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const note = `离线操作 #${i}`;
      notes.push(note);
      await outbox.submit({ kind: 'comment', ticketNo: recs[Math.floor(rnd() * recs.length)]!.ticket.ticketNo, note });
    }
    expect(await outbox.pendingCount()).toBe(1000);
    expect(pending).toBe(1000);

    link.connect();
    await settled;

    expect(lost).toBeGreaterThan(50);
    const states = await store.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['delivered', 1000]]);
    const actions = await sql<{ n: number }>`select count(*) as n from hub_actions`.execute(hub.store.db);
    expect(Number(actions.rows[0]!.n)).toBe(1000);
    // Every note is in exactly one timeline, exactly once.
    const seen = new Map<string, number>();
    for (const r of recs) {
      const rec = JSON.parse((await hub.store.getBody(r.ticket.ticketNo))!) as TicketRecord;
      for (const e of rec.timeline) if (e.kind === 'commented') seen.set(e.note, (seen.get(e.note) ?? 0) + 1);
    }
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    expect([...seen.keys()].sort()).toEqual([...notes].sort());
  });
});
