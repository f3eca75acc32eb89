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
import { benchBatch, BENCH_NOW } from './bench-data';
import { kpiSnapshot } from '../electron/core/kpi/kpi-service';
import { closuresByDay } from '../electron/core/kpi/closures-by-day';
import { readConfig } from '../electron/core/config';
import { startConsoleService } from '../electron/core/console-service';
import { startWebHost } from '../electron/webhost/web-host';
import { launchChromium } from '../e2e/support/browser';
import { openStore, type Store } from '../db/open';
import { WRITER_CACHE_KIB } from '../db/sqlite3-dialect';
import { recordToRow } from '../db/queries/ticket-row';
import { SyncStatusHolder, initialSyncStatus } from '../electron/core/sync-status';
import { TicketService } from '../electron/core/ticket-service';
import { HubLink } from '../electron/core/sync/hub-link';
import { SyncEngine } from '../electron/core/sync/sync-engine';
import { workerChecker } from '../electron/core/sync/page-checker';
import { inProcessCore } from '../electron/core/host/in-process';
import { ReportService } from '../electron/core/reports/report-service';
import { findCjkFont } from '../electron/core/meetings/minutes-file';
import { addDays, beijingDayOf, periodOf } from '../shared/domain/report-period';

let TOTAL = 1_000_000;
const PAGE = Number(process.env.BENCH_PAGE ?? 2000);
const BATCH = 20_000;
const batchOf = (i: number) => benchBatch(i, TOTAL);

/** The hub runs in its own process, as it would in a deployment (BENCH_HUB_PROFILE=<dir>: its CPU profile). */
export async function hubProcess(dir: string) {
  const profile = process.env.BENCH_HUB_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HUB_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-old-space-size=8192', '--import', 'tsx', path.join(__dirname, 'hub-process.mts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const hello = (await next()) as { url: string; token: string };
  return {
    ...hello,
    pid: child.pid!,
    kill: () => child.kill(),
    async send(cmd: string): Promise<{ head: number }> {
      child.stdin!.write(cmd + '\n');
      return next();
    },
  };
}

export type SyncBenchResult = {
  tickets: number;
  raw_better_sqlite3_rows_per_s: number;
  raw_tickets_only_rows_per_s: number;
  /** Each of the three baseline runs (the ratios use their median). */
  raw_runs_rows_per_s: number[];
  raw_tickets_only_runs_rows_per_s: number[];
  p1_ratio_vs_raw_tickets_only: number;
  p1_tickets_per_s: number;
  p1_ratio_vs_raw: number;
  p6_catchup_ms: number;
  catchup_changes: number;
  p4_kpi_p95_ms: number;
  p4_kpi_median_ms: number;
  /** The first snapshot after a start: it counts the window's closures by day (kept for later ones). */
  p4_kpi_first_ms: number;
  /** p9: a 月报 of the month before BENCH_NOW over the same store — its figures, its PDF and its XLSX (median of 3). */
  p9_monthly_report_ms: number;
  p9_figures_ms: number;
  p9_pdf_ms: number | null;
  p9_xlsx_ms: number;
  /** The KPI wall's refresh for the same month over the same store, in the same run (the baseline). */
  p9_kpi_month_ms: number;
  p9_ratio_vs_kpi_month: number;
  p5_cold_start_ms: number;
};

const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);

async function rawBaseline(dir: string, ddl: string[], file: string): Promise<number> {
  const db = new Database(path.join(dir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = ${WRITER_CACHE_KIB}`); // the same pragmas as the console's store (db/sqlite3-dialect.ts)
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

/** The baseline's median of three (it moves by a fifth between runs on this machine: 50k–62k rows/s for the
 * same inserts), each into a fresh file. */
async function rawBaselineMedian(dir: string, ddl: string[], file: string): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    runs.push(await rawBaseline(dir, ddl, `${i}-${file}`));
    for (const suffix of ['', '-wal', '-shm']) await rm(path.join(dir, `${i}-${file}${suffix}`), { force: true });
  }
  return { median: [...runs].sort((a, b) => a - b)[1]!, runs };
}

export async function runSyncBench(total = TOTAL): Promise<SyncBenchResult> {
  TOTAL = total;
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-bench-'));
  try {
    // The console schema's DDL (tables and indexes), for the raw baseline: as migration 0013 left it, when row
    // triggers kept the KPI sums and the tally (0014 gave that to the store's writer), so that the baseline is the
    // same as in the runs before — the whole of what storing a ticket touches, kept row by row.
    const probe = await openStore({ filename: path.join(dir, 'probe.sqlite'), migrateTo: '0013-ticket-placement' });
    const ddl = (
      await sql<{ sql: string }>`select sql from sqlite_master where sql is not null and name not like 'kysely_%' and name not like 'sqlite_%' and tbl_name in ('tickets', 'kpi_day', 'ticket_tally')
        order by case type when 'table' then 0 when 'index' then 1 else 2 end`.execute(probe)
    ).rows.map((r) => r.sql);
    await probe.destroy();

    log(`raw baseline: better-sqlite3, ${TOTAL} rows, one transaction, the whole schema (with the KPI and tally triggers), median of three…`);
    const rawRuns = await rawBaselineMedian(dir, ddl, 'raw.sqlite');
    const raw = rawRuns.median;
    log(`raw: ${Math.round(raw)} rows/s (runs: ${rawRuns.runs.map(Math.round).join(', ')})`);
    // The same without the KPI table and triggers (the baseline of the earlier runs, before migration 0004).
    const bareRuns = await rawBaselineMedian(dir, ddl.filter((d) => !/kpi_day|ticket_tally|create trigger/i.test(d)), 'raw-tickets-only.sqlite');
    const rawTicketsOnly = bareRuns.median;
    log(`raw, tickets table and indexes only: ${Math.round(rawTicketsOnly)} rows/s (runs: ${bareRuns.runs.map(Math.round).join(', ')})`);

    log(`filling a hub (own process) with ${TOTAL} tickets…`);
    const hub = await hubProcess(dir);
    let { head } = await hub.send(`fill ${TOTAL}`);
    const token = hub.token;

    const store = await openStore({ filename: path.join(dir, 'console.sqlite') });
    const status = () => new SyncStatusHolder(initialSyncStatus({ hubUrl: hub.url }));
    let link = new HubLink({ url: hub.url, token });
    // The console process's page checker (a worker thread): one for the process, kept across the engine's restart.
    const checker = workerChecker();
    let engine = new SyncEngine({ store, tickets: new TicketService(store), status: status(), link, pageSize: PAGE, checker });
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
    engine = new SyncEngine({ store, tickets: new TicketService(store), status: status(), link, pageSize: PAGE, checker });
    t0 = performance.now();
    await engine.start();
    await engine.whenCursorAtLeast(head);
    const catchup = performance.now() - t0;
    log(`catch-up of ${CHANGES} changes: ${catchup.toFixed(0)} ms`);
    await engine.stop();
    link.close();
    await checker.close();

    // p4: the KPI wall's refresh (kpi.snapshot) over the synced store of TOTAL tickets.
    // As the wall asks: the daily closures of earlier days are kept between refreshes (closures-by-day.ts), so
    // the first snapshot (which counts the month's resolutions) is reported apart.
    const closures = closuresByDay();
    const first0 = performance.now();
    await kpiSnapshot(store, BENCH_NOW, 30, closures);
    const kpiFirstMs = performance.now() - first0;
    const kpiMs: number[] = [];
    for (let i = 0; i < 60; i++) {
      const k0 = performance.now();
      await kpiSnapshot(store, BENCH_NOW, 30, closures);
      kpiMs.push(performance.now() - k0);
    }
    kpiMs.sort((a, b) => a - b);
    const p95 = kpiMs[Math.ceil(kpiMs.length * 0.95) - 1]!;
    log(`KPI snapshot at ${TOTAL} tickets: median ${kpiMs[kpiMs.length >> 1]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (the first, counting the month's closures: ${kpiFirstMs.toFixed(0)} ms)`);
    const p9 = await monthlyReport(store, dir);
    log(`p9 月报 of ${p9.month} at ${TOTAL} tickets: ${p9.totalMs} ms (figures ${p9.figuresMs}, PDF ${p9.pdfMs ?? '—'}, XLSX ${p9.xlsxMs}); the KPI wall's refresh for that month ${p9.kpiMs} ms`);
    await store.destroy();

    // p5: cold start — a console service on this store of TOTAL tickets and its web host start, then the
    // first wall frame with ticket rows in Chromium (already running, as on a wall PC that boots its browser).
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const c0 = performance.now();
    const service = await startConsoleService({
      config: readConfig({ LIANDONG_HUB_URL: hub.url, LIANDONG_HUB_TOKEN: token }, { dataDir: dir }),
      resourcesDir: path.join(__dirname, '..', 'resources'),
      host: 'webhost',
      version: 'bench',
      storeFile: path.join(dir, 'console.sqlite'),
    });
    const serviceMs = performance.now() - c0;
    const webHost = await startWebHost({ core: inProcessCore(service.server), staticDir: path.join(__dirname, '..', 'out', 'renderer') });
    await page.goto(webHost.wallUrl);
    await page.locator('[data-ticket]').first().waitFor({ timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const coldStart = performance.now() - c0;
    log(`cold start with ${TOTAL} tickets: ${coldStart.toFixed(0)} ms to the first wall frame with rows (the console service up after ${serviceMs.toFixed(0)} ms)`);
    await browser.close();
    await webHost.close();
    await service.close();
    await hub.send('quit');
    return {
      tickets: TOTAL,
      raw_better_sqlite3_rows_per_s: Math.round(raw),
      raw_tickets_only_rows_per_s: Math.round(rawTicketsOnly),
      raw_runs_rows_per_s: rawRuns.runs.map(Math.round),
      raw_tickets_only_runs_rows_per_s: bareRuns.runs.map(Math.round),
      p1_ratio_vs_raw_tickets_only: Number((tps / rawTicketsOnly).toFixed(3)),
      p1_tickets_per_s: Math.round(tps),
      p1_ratio_vs_raw: Number((tps / raw).toFixed(3)),
      p6_catchup_ms: Math.round(catchup),
      catchup_changes: CHANGES,
      p4_kpi_p95_ms: Number(p95.toFixed(1)),
      p4_kpi_median_ms: Number(kpiMs[kpiMs.length >> 1]!.toFixed(1)),
      p4_kpi_first_ms: Math.round(kpiFirstMs),
      p9_monthly_report_ms: p9.totalMs,
      p9_figures_ms: p9.figuresMs,
      p9_pdf_ms: p9.pdfMs,
      p9_xlsx_ms: p9.xlsxMs,
      p9_kpi_month_ms: p9.kpiMs,
      p9_ratio_vs_kpi_month: Number((p9.totalMs / Math.max(0.1, p9.kpiMs)).toFixed(1)),
      p5_cold_start_ms: Math.round(coldStart),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** p9: the 月报 of the month before BENCH_NOW, made and written as PDF and XLSX three times (the median run), and
 * the KPI wall's refresh for the same month over the same store (median of 10). */
async function monthlyReport(store: Store, dir: string): Promise<{ month: string; totalMs: number; figuresMs: number; pdfMs: number | null; xlsxMs: number; kpiMs: number }> {
  const period = periodOf('month', addDays(`${beijingDayOf(BENCH_NOW).slice(0, 7)}-01`, -1));
  const reports = new ReportService({ store, reader: store, clock: () => BENCH_NOW, dir: path.join(dir, 'reports'), onChanged: () => undefined, log: () => undefined });
  const pdf = findCjkFont() !== undefined;
  const runs: { total: number; figures: number; pdf: number | null; xlsx: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const info = await reports.generate(period);
    const t1 = performance.now();
    if (pdf) await reports.file(info.id, 'pdf');
    const t2 = performance.now();
    await reports.file(info.id, 'xlsx');
    const t3 = performance.now();
    runs.push({ total: t3 - t0, figures: t1 - t0, pdf: pdf ? t2 - t1 : null, xlsx: t3 - t2 });
  }
  runs.sort((a, b) => a.total - b.total);
  const mid = runs[1]!;
  const kpi: number[] = [];
  for (let i = 0; i < 10; i++) {
    const k0 = performance.now();
    await kpiSnapshot(store, BENCH_NOW, 30, undefined, period);
    kpi.push(performance.now() - k0);
  }
  kpi.sort((a, b) => a - b);
  return { month: period.from.slice(0, 7), totalMs: Math.round(mid.total), figuresMs: Math.round(mid.figures), pdfMs: mid.pdf === null ? null : Math.round(mid.pdf), xlsxMs: Math.round(mid.xlsx), kpiMs: Number(kpi[5]!.toFixed(1)) };
}
