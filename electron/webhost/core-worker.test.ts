/**
 * The web host's core on its worker thread, as `npm start` runs it: screens reach it over ports of their own, and
 * stopping waits for it to close its store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore } from '../../db/open';
import { liandongContract } from '../../shared/contract';
import { createClient } from '../../shared/rpc/client';
import { portTransport } from '../../shared/rpc/port-transport';
import { readConfig } from '../core/config';
import { startCoreWorker, type CoreWorker } from './core-worker';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
let core: CoreWorker | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('the core on a worker thread', () => {
  it('serves each screen over its own port, with the access the web host gave it, and closes its store before stop resolves', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'liandong-core-'));
    const config = readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: dir });
    const logs: string[] = [];
    core = await startCoreWorker({ config, resourcesDir: path.join(ROOT, 'resources'), host: 'webhost', version: 'test' }, (l) => logs.push(l));
    const desk = createClient(liandongContract, portTransport(core.open({ transport: 'websocket', peer: 'desk', access: 'desk' })));
    const wall = createClient(liandongContract, portTransport(core.open({ transport: 'websocket', peer: 'wall', access: 'wall' })));
    expect(await desk.call('app.info', {})).toMatchObject({ host: 'webhost', role: 'console', access: 'desk' });
    expect(await wall.call('app.info', {})).toMatchObject({ access: 'wall' });
    // A read-only screen cannot act.
    await expect(wall.call('settings.setWall', (await desk.call('settings.wall', {})) as never)).rejects.toMatchObject({ code: 'unauthorized' });
    // The core is not in this thread: its heap is its own isolate's.
    const health = await desk.call('app.health', {});
    expect(health.peers).toBe(2);
    expect(health.storeBytes).toBeGreaterThan(0);
    expect(logs.some((l) => l.startsWith('embedded hub: http://127.0.0.1:'))).toBe(true);

    // The demo history synced into the core's store (told by its status events, no waiting on time).
    for (;;) {
      const next = new Promise((resolve) => desk.on('sync.statusChanged', resolve));
      if ((await desk.call('tickets.counts', {})).total === 800) break;
      await next;
    }

    await core.stop();
    core = undefined;
    // Stopped: the store was closed whole — it opens, checks out and holds every ticket.
    const store = await openStore({ filename: path.join(dir, 'liandong-demo.sqlite') });
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store);
    const n = await store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await store.destroy();
    expect(rows).toEqual([{ integrity_check: 'ok' }]);
    expect(Number(n.n)).toBe(800);
  });
});
