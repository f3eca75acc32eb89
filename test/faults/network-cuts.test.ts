/**
 * Fault test: a proxy between console and hub cuts the connection at random points, 100 times, during
 * a 20,000-ticket sync. The console's store must end equal to the hub's, with no duplicates.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { generateTokens } from '../../hub/auth';
import { startHub, type Hub } from '../../hub/hub-server';
import { openStore, type Store } from '../../db/open';
import { SyncStatusHolder, initialSyncStatus } from '../../electron/core/sync-status';
import { TicketService } from '../../electron/core/ticket-service';
import { HubLink } from '../../electron/core/sync/hub-link';
import { SyncEngine } from '../../electron/core/sync/sync-engine';
import { storeHash } from '../../electron/core/sync/store-hash';
import { startCuttingProxy, type CuttingProxy } from '../support/tcp-proxy';
import { FAST_RETRY } from '../support/sync-rig';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('sync through a connection cut 100 times', () => {
  it('ends with the console store equal to the hub, no duplicates', async () => {
    const hub: Hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
    cleanups.push(() => hub.close());
    const now = Date.UTC(2026, 10, 23, 8);
    for (let i = 0; i < 20_000; i += 5000) await hub.ingest(generateTickets(5000, { now, seed: 100 + i, startIndex: i }));
    expect(await hub.store.count()).toBe(20_000);

    const proxy: CuttingProxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 100, minBytes: 16 * 1024, maxBytes: 384 * 1024, seed: 7 });
    cleanups.push(() => proxy.close());

    const store: Store = await openStore({ filename: ':memory:' });
    cleanups.push(() => store.destroy());
    const status = new SyncStatusHolder(initialSyncStatus({ hubUrl: proxy.url }));
    const link = new HubLink({ url: proxy.url, token: hub.tokens.byRole('chair')!.token, reconnectDelayMs: 5, reconnectDelayMaxMs: 50 });
    cleanups.push(async () => link.close());
    const logged: string[] = [];
    const engine = new SyncEngine({ store, tickets: new TicketService(store), status, link, retry: FAST_RETRY, pageSize: 250, log: (l) => logged.push(l) });
    cleanups.push(() => engine.stop());

    // Live changes keep arriving while the pull is being cut: 200 more tickets, 100 of them edits of existing ones.
    await engine.start();
    const fresh = generateTickets(100, { now: now + 1000, seed: 999, startIndex: 50_000 });
    const edits = generateTickets(100, { now, seed: 100, startIndex: 0 }).map((r) => ({ ...r, ticket: { ...r.ticket, summary: `${r.ticket.summary}(已核实)` } }));
    for (const u of [...fresh, ...edits]) await hub.ingest([u]);
    expect(await hub.store.count()).toBe(20_100);

    await engine.whenCursorAtLeast(hub.store.head);
    expect(proxy.cuts).toBe(100);
    const { n } = await store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(20_100);
    expect(await storeHash(store)).toBe(await hub.store.contentHash());
    expect(status.get().quarantined).toBe(0);
    // Every failure was a cut connection, retried; no step of the sync itself failed.
    expect(logged.filter((l) => l.startsWith('sync step failed'))).toEqual([]);
  });
});
