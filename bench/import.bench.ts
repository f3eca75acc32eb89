/**
 * p7: imports (issue #15, item 8). A platform's export imported at the hub through to a console's store: a
 * 1,000,000-row GBK CSV (the 12345 hotline's dialect) and a 200,000-row XLSX (the same dialect). Each import
 * has a fresh hub in its own process and a fresh console (the sync engine on its SQLite store, as p1 sets it
 * up) connected to it; the clock runs from the upload's first byte (POST /api/v1/imports, the file streamed
 * over loopback) until the console's store holds every row the hub took. Baseline, same run: the bare parse
 * of the same file by the same library, just iterating rows (csv-parse after iconv-lite's decodeStream;
 * exceljs's streaming WorkbookReader), median of three. The hub's RSS from /proc/<pid>/status: before the
 * upload, the largest sample (every 100 ms) in each tenth of the import, and VmHWM (its peak) at the end.
 * CPU from /proc: the hub's, this process's (the console), and the rest of the machine's (a noisy run shows).
 * The files go to a temp dir, deleted after.
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'csv-parse';
import ExcelJS from '../hub/import/exceljs';
import iconv from 'iconv-lite';
import type { ImportJob, ImportPreview } from '../shared/contract/imports';
import { writeExportCsv, writeExportXlsx } from '../hub/import/export-files';
import { openStore } from '../db/open';
import { SyncStatusHolder, initialSyncStatus } from '../electron/core/sync-status';
import { TicketService } from '../electron/core/ticket-service';
import { HubLink } from '../electron/core/sync/hub-link';
import { SyncEngine } from '../electron/core/sync/sync-engine';
import { workerChecker } from '../electron/core/sync/page-checker';
import { hubProcess } from './sync.bench';

/** The rows' receipt times run 37 s apart from here: a million rows end in 2026-09, before the hub's now. */
const BASE = Date.UTC(2025, 6, 1, 1);
const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);
const mib = (kib: number) => Math.round(kib / 1024);

export type ImportRun = {
  format: 'csv' | 'xlsx';
  rows: number;
  file_mb: number;
  import_s: number;
  import_rows_per_s: number;
  parse_rows_per_s: number;
  parse_runs_rows_per_s: number[];
  ratio_vs_parse: number;
  /** Of import_s: until the hub's job was done (upload, read, ingest) — the rest is the console catching up. */
  hub_done_s: number;
  upload_s: number;
  refused: number;
  /** Tickets in the console's store with U+FFFD in their summary or address. */
  garbled_text_rows: number;
  /** CPU used during the import by the hub's process and by this one (the console: its sync engine, store and
   * page checker; the upload's sending and the polling too), all threads. */
  hub_cpu_s: number;
  console_cpu_s: number;
  /** CPU the rest of the machine used meanwhile (other processes: anything much above 0 makes the run noisy). */
  other_cpu_s: number;
  hub_rss_before_mb: number;
  /** The largest RSS sampled (every 100 ms) in each tenth of the import's time. */
  hub_rss_mb_by_tenth: number[];
  hub_peak_rss_mb: number;
};

export type ImportBenchResult = {
  csv: ImportRun;
  xlsx: ImportRun;
  /** The CSV's (the name); the XLSX's is p7_import_rows_per_s_xlsx. */
  p7_import_rows_per_s: number;
  p7_import_rows_per_s_xlsx: number;
  p7_csv_ratio_vs_parse: number;
  p7_xlsx_ratio_vs_parse: number;
  p7_hub_peak_rss_mb_csv: number;
  p7_hub_peak_rss_mb_xlsx: number;
};

async function parseCsv(file: string): Promise<number> {
  let n = 0;
  for await (const _ of createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(iconv.decodeStream('gb18030')).pipe(parse({ relax_column_count: true }))) n++;
  return n;
}

async function parseXlsx(file: string): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file, { highWaterMark: 256 * 1024 }), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const _ of sheet as AsyncIterable<unknown>) n++;
    break;
  }
  return n;
}

/** Rows/s of the bare parse, median of three (the header row counted out). */
async function parseRate(format: 'csv' | 'xlsx', file: string, rows: number): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const n = (await (format === 'csv' ? parseCsv(file) : parseXlsx(file))) - 1;
    if (n !== rows) throw new Error(`p7: the bare parse read ${n} rows of ${rows}`);
    runs.push(rows / ((performance.now() - t0) / 1000));
  }
  return { median: [...runs].sort((a, b) => a - b)[1]!, runs };
}

/** One HTTP request to the hub's API; the body a file streamed, or JSON. */
function api<T>(url: string, token: string, method: string, p: string, body?: { file: string } | object): Promise<T> {
  return new Promise((resolve, reject) => {
    const file = body && 'file' in body ? (body as { file: string }).file : null;
    const json = body && !file ? JSON.stringify(body) : null;
    const req = request(`${url}/api/v1${p}`, { method, headers: { Authorization: `Bearer ${token}`, ...(json ? { 'Content-Type': 'application/json' } : file ? { 'Content-Type': 'application/octet-stream' } : {}) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`p7: ${method} ${p}: ${res.statusCode} ${text.slice(0, 500)}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.on('error', reject);
    if (file) createReadStream(file, { highWaterMark: 256 * 1024 }).on('error', reject).pipe(req);
    else req.end(json ?? undefined);
  });
}

/** CPU seconds of a process so far, all its threads (/proc/<pid>/stat: utime + stime, in clock ticks of 1/100 s). */
const procCpuS = async (pid: number) => {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
/** CPU seconds the whole machine has been busy (/proc/stat), to tell what else ran meanwhile. */
const machineBusyS = async () => {
  const [, user, nice, system, , , irq, softirq, steal] = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
};
const ownCpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const procKib = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)![1]);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
};

async function importRun(dir: string, format: 'csv' | 'xlsx', rows: number): Promise<ImportRun> {
  const file = path.join(dir, `export-${rows}.${format}`);
  log(`p7: writing a ${rows}-row ${format === 'csv' ? 'GBK CSV' : 'XLSX'} (hotline dialect)…`);
  if (format === 'csv') await writeExportCsv(file, { dialect: 'hotline', rows, base: BASE, encoding: 'gbk' });
  else await writeExportXlsx(file, { dialect: 'hotline', rows, base: BASE });
  const fileMb = (await stat(file)).size / 2 ** 20;

  log(`p7: bare parse of the ${format.toUpperCase()} (${fileMb.toFixed(0)} MB), median of three…`);
  const parsed = await parseRate(format, file, rows);
  log(`p7: parse ${Math.round(parsed.median)} rows/s (runs: ${parsed.runs.map(Math.round).join(', ')})`);

  // A fresh hub (own process) and a fresh console connected to it, as p1 sets them up.
  const hubDir = path.join(dir, `hub-${format}`);
  await mkdir(hubDir);
  const hub = await hubProcess(hubDir);
  let quit = false;
  try {
    const store = await openStore({ filename: path.join(hubDir, 'console.sqlite') });
    const link = new HubLink({ url: hub.url, token: hub.token });
    const connected = new Promise<void>((resolve) => link.on('connect', resolve));
    const checker = workerChecker();
    const engine = new SyncEngine({ store, tickets: new TicketService(store), status: new SyncStatusHolder(initialSyncStatus({ hubUrl: hub.url })), link, pageSize: Number(process.env.BENCH_PAGE ?? 2000), checker });
    await engine.start();
    await connected;
    await engine.idle();
    await sleep(1000);
    const before = await procKib(hub.pid);

    log(`p7: importing (hub RSS before: ${mib(before.rss)} MiB)…`);
    const cpu0 = { hub: await procCpuS(hub.pid), console: ownCpuS(), all: await machineBusyS() };
    const t0 = performance.now();
    const samples: { t: number; rss: number }[] = [];
    const sampler = setInterval(() => void procKib(hub.pid).then((k) => samples.push({ t: performance.now() - t0, rss: k.rss }), () => undefined), 100);
    const preview = await api<ImportPreview>(hub.url, hub.token, 'POST', `/imports?fileName=${encodeURIComponent(path.basename(file))}`, { file });
    const uploadS = (performance.now() - t0) / 1000;
    const columns = preview.columns.map((c) => c.field);
    let job = await api<ImportJob>(hub.url, hub.token, 'POST', `/imports/${preview.jobId}/start`, { columns });
    while (job.state === 'running') {
      await sleep(100);
      job = await api<ImportJob>(hub.url, hub.token, 'GET', `/imports/${preview.jobId}`);
    }
    const hubDoneS = (performance.now() - t0) / 1000;
    if (job.state !== 'done') throw new Error(`p7: the import ended ${job.state}: ${JSON.stringify(job.error)}`);
    const { head } = await hub.send('head');
    await engine.whenCursorAtLeast(head);
    const importS = (performance.now() - t0) / 1000;
    const cpu = { hub: (await procCpuS(hub.pid)) - cpu0.hub, console: ownCpuS() - cpu0.console, all: (await machineBusyS()) - cpu0.all };
    clearInterval(sampler);
    const after = await procKib(hub.pid);
    // The largest sample in each tenth of the import: flat when the file is streamed, not held.
    const byTenth = Array.from({ length: 10 }, (_, i) => mib(Math.max(0, ...samples.filter((x) => Math.min(9, Math.floor((x.t / (importS * 1000)) * 10)) === i).map((x) => x.rss))));

    // Every row the hub took is in the console's store; refused rows are reported, and rows whose text came
    // through with U+FFFD (a character lost in reading) counted.
    const { n } = await store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) !== job.report.imported || job.report.imported + job.report.refused !== rows) throw new Error(`p7: ${rows} rows, ${job.report.imported} imported, ${job.report.refused} refused, ${n} in the console's store`);
    if (job.report.refused) log(`p7 ${format}: ${job.report.refused} rows refused, e.g. ${JSON.stringify(job.report.refusedSample.slice(0, 3))}`);
    const garbled = await store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.or([eb('summary', 'like', '%\ufffd%'), eb('address', 'like', '%\ufffd%')])).executeTakeFirstOrThrow();
    await engine.stop();
    link.close();
    await checker.close();
    await store.destroy();
    await hub.send('quit');
    quit = true;

    const rate = rows / importS;
    const run: ImportRun = {
      format,
      rows,
      file_mb: Math.round(fileMb),
      import_s: Number(importS.toFixed(1)),
      import_rows_per_s: Math.round(rate),
      parse_rows_per_s: Math.round(parsed.median),
      parse_runs_rows_per_s: parsed.runs.map(Math.round),
      ratio_vs_parse: Number((rate / parsed.median).toFixed(3)),
      hub_done_s: Number(hubDoneS.toFixed(1)),
      upload_s: Number(uploadS.toFixed(1)),
      refused: job.report.refused,
      garbled_text_rows: Number(garbled.n),
        hub_cpu_s: Number(cpu.hub.toFixed(1)),
      console_cpu_s: Number(cpu.console.toFixed(1)),
      other_cpu_s: Number(Math.max(0, cpu.all - cpu.hub - cpu.console).toFixed(1)),
      hub_rss_before_mb: mib(before.rss),
      hub_rss_mb_by_tenth: byTenth,
      hub_peak_rss_mb: mib(after.hwm),
    };
    log(`p7 ${format}: ${JSON.stringify(run)}`);
    return run;
  } finally {
    if (!quit) hub.kill();
    await rm(hubDir, { recursive: true, force: true });
    await rm(file, { force: true });
  }
}

export async function runImportBench(csvRows: number, xlsxRows: number): Promise<ImportBenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-p7-'));
  try {
    const csv = await importRun(dir, 'csv', csvRows);
    const xlsx = await importRun(dir, 'xlsx', xlsxRows);
    return {
      csv,
      xlsx,
      p7_import_rows_per_s: csv.import_rows_per_s,
      p7_import_rows_per_s_xlsx: xlsx.import_rows_per_s,
      p7_csv_ratio_vs_parse: csv.ratio_vs_parse,
      p7_xlsx_ratio_vs_parse: xlsx.ratio_vs_parse,
      p7_hub_peak_rss_mb_csv: csv.hub_peak_rss_mb,
      p7_hub_peak_rss_mb_xlsx: xlsx.hub_peak_rss_mb,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
