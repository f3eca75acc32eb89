/**
 * Fault test: a console process is killed with SIGKILL in the middle of a 20,000-ticket sync, ten times,
 * then restarted. Its store must be intact and end equal to the hub (each batch is committed with its
 * cursor in one transaction, so a kill at any point loses at most the batch in flight).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTickets, prng } from '../../hub/demo/ticket-generator';
import { generateTokens } from '../../hub/auth';
import { startHub, type Hub } from '../../hub/hub-server';
import { openStore } from '../../db/open';
import { storeHash } from '../../electron/core/sync/store-hash';

const ROOT = path.resolve(__dirname, '..', '..');
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Run = { lines: string[]; exit: Promise<number | null>; killAfter(applied: number): Promise<void> };

function runWorker(hub: Hub, file: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/faults/sync-worker.mts'), hub.url, hub.tokens.byRole('chair')!.token, file, String(hub.store.head)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let applied = 0;
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    if (l.startsWith('applied ')) applied++;
    for (const w of waiters.filter((w) => applied >= w.n)) w.resolve();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    lines,
    exit,
    killAfter: (n) =>
      new Promise<void>((resolve) => waiters.push({ n, resolve })).then(() => {
        child.kill('SIGKILL');
      }),
  };
}

describe('a console killed with SIGKILL during a sync', () => {
  it('restarts consistent, ten times, and ends equal to the hub', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-kill-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
    cleanups.push(() => hub.close());
    const now = Date.UTC(2026, 10, 23, 9);
    for (let i = 0; i < 20_000; i += 5000) await hub.ingest(generateTickets(5000, { now, seed: 300 + i, startIndex: i }));
    const file = path.join(dir, 'console.sqlite');
    const rnd = prng(42);

    const startedAt: number[] = [];
    for (let k = 0; k < 10; k++) {
      const run = runWorker(hub, file);
      await run.killAfter(1 + Math.floor(rnd() * 3));
      expect(await run.exit).toBeNull(); // killed, not exited
      startedAt.push(Number(run.lines.find((l) => l.startsWith('started at '))!.slice('started at '.length)));
      // Between runs the store opens cleanly and is internally consistent.
      const db = await openStore({ filename: file });
      expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]!.integrity_check).toBe('ok');
      await db.destroy();
    }
    // Each restart resumed from where the last one committed: progress was never thrown away.
    expect(startedAt).toEqual([...startedAt].sort((a, b) => a - b));
    expect(startedAt.at(-1)!).toBeGreaterThan(0);

    const last = runWorker(hub, file);
    expect(await last.exit).toBe(0);
    expect(last.lines.at(-1)).toBe('done');
    const db = await openStore({ filename: file });
    cleanups.push(() => db.destroy());
    const { n } = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(20_000);
    expect(await storeHash(db)).toBe(await hub.store.contentHash());
  });
});
