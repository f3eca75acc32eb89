/**
 * Fault test: links that die without a word. A proxy between console and hub lets the WebSocket upgrade
 * through and then passes nothing more, without closing anything — once right after the handshake (the
 * case that left a console 22 s without a sync, waiting out socket.io's 20 s connect timeout), once on a
 * link that was up. The console must give the dead link up by itself (handshake time-out, heartbeat) and
 * be back in sync with the hub, which moved on meanwhile.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { HubLink } from '../../electron/core/sync/hub-link';
import { HUB_PING_INTERVAL_MS, HUB_PING_TIMEOUT_MS } from '../../hub/realtime';
import { startCuttingProxy } from '../support/tcp-proxy';
import { startHubOnly, startRig, statusWhere } from '../support/sync-rig';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('a link that goes silent', () => {
  it('is given up and replaced, right after the handshake and once it was up, and the console catches up', async () => {
    const hub = await startHubOnly();
    cleanups.push(() => hub.close());
    const now = Date.UTC(2026, 10, 23, 8);
    await hub.ingest(generateTickets(100, { now, seed: 3 }));
    const proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
    cleanups.push(() => proxy.close());
    const whys: string[] = [];
    // The link as a console makes it: the product's own time-outs and heartbeat (no test overrides). What
    // bounds the times: a lost link is tried again within 2 s, a handshake given up after 5 s, a silent link
    // noticed within the hub's ping interval + time-out (socket.io's defaults were 20 s and 25 + 20 s).
    const link = new HubLink({ url: proxy.url, token: hub.tokens.byRole('chair')!.token });
    expect(link.retryMs).toEqual({ reconnectMaxMs: 2000, connectTimeoutMs: 5000 });
    expect(HUB_PING_INTERVAL_MS + HUB_PING_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    link.on('disconnect', (why) => whys.push(why));
    const rig = await startRig({ hub, wrap: () => link, start: false });
    // The rig's own link is not used: the wrapped one is.
    const silencedAtHandshake = proxy.silenceNextUpgrade();
    await rig.engine.start();
    cleanups.push(() => rig.stop());
    await silencedAtHandshake;
    const t0 = Date.now();
    await hub.ingest(generateTickets(50, { now: now + 1000, seed: 4, startIndex: 1000 }));
    await rig.engine.whenCursorAtLeast(hub.store.head);
    await statusWhere(rig.status, (s) => s.connection === 'online');
    expect(whys).toContain('timeout'); // the handshake's own time-out, not a pull that happened to succeed
    const t1 = Date.now();

    // Now the link that is up goes silent.
    expect(proxy.silenceUpgraded()).toBe(1);
    await hub.ingest(generateTickets(50, { now: now + 2000, seed: 5, startIndex: 2000 }));
    await statusWhere(rig.status, (s) => s.connection === 'offline');
    await rig.engine.whenCursorAtLeast(hub.store.head);
    expect(whys).toContain('ping timeout');
    process.stdout.write(`silent link: back in sync ${t1 - t0} ms after a silent handshake, ${Date.now() - t1} ms after a link went silent\n`);
    const { n } = await rig.store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(200);
  });
});
