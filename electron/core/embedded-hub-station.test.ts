/**
 * `npm start` with no configuration runs an embedded hub; a duty head must be able to try the station role
 * on the same PC. The console says on stderr where its hub is and the exact command for a station console;
 * that command works — the station console connects and gets its own sub-district's tickets — and still works
 * after the chair's console restarts (same port, same tokens, per data folder). 设置 gets the same over the
 * contract (desk only).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liandongContract } from '../../shared/contract';
import { mayCall } from '../../shared/contract/access';
import { createClient } from '../../shared/rpc/client';
import { connectInMemory } from '../../shared/rpc/memory-transport';
import { readConfig } from './config';
import { startConsoleService, type ConsoleService } from './console-service';
import { sql, type Kysely } from 'kysely';
import { EMBEDDED_HUB_CACHE_KIB } from './embedded-hub';
import { STEADY_WRITER_CACHE_KIB } from '../../db/sqlite3-dialect';

const RESOURCES = path.resolve(__dirname, '../../resources');
const XINCHENGQIAO = '320613004';
const running: ConsoleService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function chairConsole(dataDir: string): Promise<{ service: ConsoleService; lines: string[] }> {
  const lines: string[] = [];
  const service = await startConsoleService({ config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir }), resourcesDir: RESOURCES, host: 'webhost', version: 'test', log: (l) => lines.push(l) });
  running.push(service);
  return { service, lines };
}

/** The printed command's environment: NAME=value words before `npm start`. */
function commandEnv(line: string): Record<string, string> {
  const command = /: (LIANDONG_HUB_URL=.*npm start)$/.exec(line)?.[1];
  expect(command, `a station command in: ${line}`).toBeDefined();
  return Object.fromEntries([...command!.matchAll(/(LIANDONG_\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

describe('the embedded hub, for a station console on this PC', () => {
  it('prints its address and the station command, which keeps working after a restart', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'liandong-embedded-'));
    dirs.push(base);
    const dataDir = path.join(base, 'chair');
    const first = await chairConsole(dataDir);
    const url = first.service.embedded!.url;
    expect(first.lines).toContain(`embedded hub: ${url} (loopback: station consoles on this PC may connect)`);
    const line = first.lines.find((l) => l.startsWith('station console for 新城桥街道: '))!;
    const env = commandEnv(line);
    expect(env).toMatchObject({ LIANDONG_HUB_URL: url, LIANDONG_ROLE: 'station', LIANDONG_STATION: XINCHENGQIAO, LIANDONG_DATA_DIR: `${dataDir}-station-${XINCHENGQIAO}` });
    expect((await stat(path.join(dataDir, 'embedded-hub.json'))).mode & 0o777).toBe(0o600);

    // Restarted: the same address and the same command.
    await running.pop()!.close();
    const again = await chairConsole(dataDir);
    expect(again.service.embedded!.url).toBe(url);
    expect(again.lines).toContain(line);

    // The command starts a station console that the embedded hub accepts: it syncs 新城桥's tickets only.
    const station = await startConsoleService({ config: readConfig({ ...env, LIANDONG_DEMO_RATE: '0' }, { dataDir: '/unused' }), resourcesDir: RESOURCES, host: 'webhost', version: 'test' });
    running.push(station);
    const c = createClient(liandongContract, connectInMemory(station.server));
    // Its first pull runs beside the restarted chair's own start-up: on two cores it can take more than poll's default second.
    await expect.poll(async () => (await c.call('sync.status', {})).connection, { timeout: 30_000 }).toBe('online');
    await expect.poll(async () => (await c.call('tickets.counts', {})).total, { timeout: 30_000 }).toBeGreaterThan(0);
    const counts = await c.call('tickets.counts', {});
    expect(counts.bySubDistrict.filter((s) => s.total > 0).map((s) => s.code)).toEqual([XINCHENGQIAO]);
    expect((await c.call('app.info', {})).role).toBe('station');
  });

  it('gives 设置 the address and every station\'s command, to the desk only', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'liandong-embedded-'));
    dirs.push(base);
    const { service, lines } = await chairConsole(path.join(base, 'chair'));
    const info = await createClient(liandongContract, connectInMemory(service.server)).call('app.embeddedHub', {});
    expect(info?.url).toBe(service.embedded!.url);
    expect(info?.stations).toHaveLength(16);
    expect(lines).toContain(`station console for 新城桥街道: ${info!.stations.find((s) => s.stationCode === XINCHENGQIAO)!.command}`);
    expect(mayCall('wall', 'app.embeddedHub')).toBe(false);
    // A read-only wall link is refused it, and told it is a wall (so it offers no desk actions).
    const asWall = (method: string, id: number) => service.server.handle({ kind: 'request', id, method, input: {} }, { transport: 'memory', peer: 'wall', access: 'wall' });
    expect(await asWall('app.embeddedHub', 1)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await asWall('app.info', 2)).toMatchObject({ ok: true, value: { access: 'wall', role: 'console' } });
    expect(await createClient(liandongContract, connectInMemory(service.server)).call('app.info', {})).toMatchObject({ access: 'desk' });
  });
});

describe('the embedded demo hub in the console’s process', () => {
  it('keeps a page cache in proportion to a demo’s store (the console’s memory does not grow with it), the console’s store its steady one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-embedded-cache-'));
    dirs.push(dir);
    const { service } = await chairConsole(dir);
    const cache = async (db: Kysely<any>) => Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]!.cache_size);
    expect(await cache(service.embedded!.hub.store.db)).toBe(EMBEDDED_HUB_CACHE_KIB);
    expect(await cache(service.store)).toBe(STEADY_WRITER_CACHE_KIB);
  });
});
