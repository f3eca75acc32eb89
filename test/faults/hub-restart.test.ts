/**
 * Fault test: the hub is stopped the normal way (SIGTERM → it closes every link on purpose) and started
 * again on the same port and store. socket.io does not reconnect by itself after a server-side close, so
 * without the link's own retry a console stayed 离线 until restarted by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { generateTokens } from '../../hub/auth';
import { startHub, type Hub } from '../../hub/hub-server';
import { startRig, statusWhere } from '../support/sync-rig';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('a hub restart', () => {
  it('brings every console back online by itself, and the sync carries on', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-hub-restart-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const filename = path.join(dir, 'hub.sqlite');
    const tokens = generateTokens();
    const now = Date.UTC(2026, 10, 23, 8);
    let hub: Hub = await startHub({ filename, tokens });
    const port = hub.port;
    await hub.ingest(generateTickets(50, { now, seed: 1 }));

    const chair = await startRig({ hub });
    const station = await startRig({ hub, role: 'station', stationCode: '320613003' });
    cleanups.push(() => chair.stop(), () => station.stop());
    for (const rig of [chair, station]) await statusWhere(rig.status, (s) => s.connection === 'online');

    for (let restart = 0; restart < 2; restart++) {
      await hub.close(); // what SIGTERM does
      for (const rig of [chair, station]) await statusWhere(rig.status, (s) => s.connection === 'offline');
      hub = await startHub({ filename, tokens, port });
      for (const rig of [chair, station]) await statusWhere(rig.status, (s) => s.connection === 'online');
      expect(chair.link.connected && station.link.connected).toBe(true);
      // Live again: a ticket ingested after the restart reaches both (the station: one of its own).
      const fresh = generateTickets(60, { now: now + 60_000 * (restart + 1), seed: 10 + restart, startIndex: 1000 * (restart + 1) });
      const mine = fresh.filter((r) => r.ticket.subDistrictCode === '320613003');
      expect(mine.length).toBeGreaterThan(0);
      await hub.ingest(fresh.filter((r) => !mine.includes(r)));
      await hub.ingest(mine); // last, so the hub's head is one of the station's own tickets
      await chair.engine.whenCursorAtLeast(hub.store.head);
      await station.engine.whenCursorAtLeast(hub.store.head);
    }
    cleanups.push(() => hub.close());
    const { n } = await chair.store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(170);
  });
});
