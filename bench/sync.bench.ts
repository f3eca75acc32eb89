/**
 * Sync benchmarks (issue: ticket sync):
 *  p1: full sync of N generated tickets hub → console over loopback, tickets/s, and its ratio to raw
 *      better-sqlite3 prepared inserts of the same rows into the same schema, in one transaction.
 *  p6: catch-up of 4,000 changes made while the console was offline, in ms.
 * Both measured in the same run, on this machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { benchBatch } from './bench-data';
import { openStore } from '../db/open';
import { recordToRow } from '../db/queries/ticket-row';
import { SyncStatusHolder, initialSyncStatus } from '../electron/core/sync-status';
import { TicketService } from '../electron/core/ticket-service';
import { HubLink } from '../electron/core/sync/hub-link';
import { SyncEngine } from '../electron/core/sync/sync-engine';

let TOTAL = 1_000_000;
const PAGE = Number(process.env.BENCH_PAGE ?? 2000);
const BATCH = 20_000;
const batchOf = (i: number) => benchBatch(i, TOTAL);

/** The hub runs in its own process, as it would in a deployment. */
async function hubProcess(dir: string) {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', path.join(__dirname, 'hub-process.mts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const hello = (await next()) as { url: string; token: string };
  return {
    ...hello,
    async send(cmd: string): Promise<{ head: number }> {
      child.stdin!.write(cmd + '\n');
      return next();
    },
  };
}

export type SyncBenchResult = {
  tickets: number;
  raw_better_sqlite3_rows_per_s: number;
  p1_tickets_per_s: number;
  p1_ratio_vs_raw: number;
  p6_catchup_ms: number;
  catchup_changes: number;
};

const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);

async function rawBaseline(dir: string, ddl: string[]): Promise<number> {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536'); // the same pragmas as the console's store (db/sqlite3-dialect.ts)
  for (const stmt of ddl) db.exec(stmt);
  const cols = Object.keys(recordToRow(batchOf(0)[0]!));
  const insert = db.prepare(`insert into tickets (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  let ms = 0;
  db.exec('begin');
  for (let i = 0; i < TOTAL; i += BATCH) {
    const rows = batchOf(i).map((r) => Object.values(recordToRow(r)));
    const t0 = performance.now();
    for (const row of rows) insert.run(row);
    ms += performance.now() - t0;
  }
  const t0 = performance.now();
  db.exec('commit');
  ms += performance.now() - t0;
  db.close();
  return TOTAL / (ms / 1000);
}

export async function runSyncBench(total = TOTAL): Promise<SyncBenchResult> {
  TOTAL = total;
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-bench-'));
  try {
    // The console schema's DDL (tables and indexes), for the raw baseline.
    const probe = await openStore({ filename: path.join(dir, 'probe.sqlite') });
    const ddl = (await sql<{ sql: string }>`select sql from sqlite_master where sql is not null and name not like 'kysely_%' and name not like 'sqlite_%' and tbl_name in ('tickets') order by type desc`.execute(probe)).rows.map((r) => r.sql);
    await probe.destroy();

    log(`raw baseline: better-sqlite3, ${TOTAL} rows, one transaction…`);
    const raw = await rawBaseline(dir, ddl);
    log(`raw: ${Math.round(raw)} rows/s`);

    log(`filling a hub (own process) with ${TOTAL} tickets…`);
    const hub = await hubProcess(dir);
    let { head } = await hub.send(`fill ${TOTAL}`);
    const token = hub.token;

    const store = await openStore({ filename: path.join(dir, 'console.sqlite') });
    const status = () => new SyncStatusHolder(initialSyncStatus({ hubUrl: hub.url }));
    let link = new HubLink({ url: hub.url, token });
    let engine = new SyncEngine({ store, tickets: new TicketService(store), status: status(), link, pageSize: PAGE });
    log('full sync…');
    let t0 = performance.now();
    await engine.start();
    await engine.whenCursorAtLeast(head);
    const syncMs = performance.now() - t0;
    const tps = TOTAL / (syncMs / 1000);
    log(`full sync: ${(syncMs / 1000).toFixed(1)} s, ${Math.round(tps)} tickets/s`);
    await engine.stop();
    link.close();

    // Offline: 4,000 tickets change at the hub (new steps in their timelines).
    const CHANGES = 4000;
    ({ head } = await hub.send(`edit ${CHANGES}`));
    link = new HubLink({ url: hub.url, token });
    engine = new SyncEngine({ store, tickets: new TicketService(store), status: status(), link, pageSize: PAGE });
    t0 = performance.now();
    await engine.start();
    await engine.whenCursorAtLeast(head);
    const catchup = performance.now() - t0;
    log(`catch-up of ${CHANGES} changes: ${catchup.toFixed(0)} ms`);
    await engine.stop();
    link.close();
    await store.destroy();
    await hub.send('quit');
    return {
      tickets: TOTAL,
      raw_better_sqlite3_rows_per_s: Math.round(raw),
      p1_tickets_per_s: Math.round(tps),
      p1_ratio_vs_raw: Number((tps / raw).toFixed(3)),
      p6_catchup_ms: Math.round(catchup),
      catchup_changes: CHANGES,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
