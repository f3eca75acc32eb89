/**
 * r7, the soak: does the wall run for a week? The console as `npm start` runs it where there is no Electron — the
 * built web host (out/main/webhost.js) in its own process, its core on a worker thread, the embedded hub's demo
 * feed at 20× its default rate — and its wall in Chromium with the switches the product launches a wall without a
 * GPU with, at 1920×1080, the playlist rotating every 10 s, for two hours (BENCH_SOAK_MINUTES). Every minute: the
 * page's JS heap after a forced garbage collection, its DOM nodes and event listeners (CDP's DOM counters), its
 * live WebGL contexts, and the console's RSS (after a full garbage collection in each of its isolates, through its
 * inspector: garbage not yet collected is not growth — the RSS before it is kept too), core heap, store and WAL
 * sizes (app.health). Growth is read against the sample at 10 minutes (after start-up and the first sync).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { launchChromium } from '../e2e/support/browser';
import { rpcCall } from '../test/support/rpc-ws';
import gpuSwitches from '../resources/gpu-switches.json';
import { readFileSync } from 'node:fs';
import { watchWebglContexts, webglContexts as liveWebglContexts } from '../e2e/support/webgl-contexts';
import { inspectorUrl, NodeInspector } from './node-inspector';

const ROOT = path.resolve(__dirname, '..');
/** The demo feed's default (LIANDONG_DEMO_RATE) is 6 tickets a minute. */
const RATE = 6 * 20;
const ROTATE_SEC = 10;
const BASE_MINUTE = 10;

export type SoakSample = {
  minute: number;
  pageHeapMb: number;
  domNodes: number;
  listeners: number;
  webglContexts: number;
  /** After a full collection in every isolate of the console's process. */
  consoleRssMb: number;
  /** As the process had it before that collection. */
  consoleRssBeforeGcMb: number;
  consoleHeapMb: number;
  storeMb: number;
  walMb: number;
  rowsShown: number;
  /** Open tickets (what the map holds a point for): the demo settles at a district's steady level. */
  openTickets: number;
};

export type SoakBenchResult = {
  r7_minutes: number;
  r7_renderer_heap_growth: number;
  r7_dom_nodes_growth: number;
  r7_listeners_growth: number;
  r7_console_rss_growth: number;
  r7_console_heap_growth: number;
  r7_wal_max_mb: number;
  r7_webgl_contexts_max: number;
  r7_tickets_added: number;
  /** Open tickets at the base sample and at the end: growth read against a wall holding as much. */
  r7_open_at_base: number;
  r7_open_at_end: number;
  r7_samples: SoakSample[];
};

const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The web host as `npm start` runs it; resolves with the desk URL it prints. */
async function startConsole(dataDir: string): Promise<{ child: ChildProcess; url: string; token: string; inspector: NodeInspector }> {
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', path.join(ROOT, 'out', 'main', 'webhost.js')], {
    cwd: ROOT,
    env: { ...process.env, LIANDONG_DATA_DIR: dataDir, LIANDONG_DEMO_RATE: String(RATE) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const inspecting = new Promise<string>((resolve) =>
    child.stderr!.on('data', (d) => {
      if (process.env.BENCH_LOG) process.stderr.write(d);
      if (stderr.length < 10_000) stderr += String(d);
      const u = inspectorUrl(stderr);
      if (u) resolve(u);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Liandong wall: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the web host ended (exit ${code}) before it was up`)));
  });
  return { child, url, token: new URL(url).searchParams.get('token')!, inspector: await NodeInspector.connect(await inspecting) };
}

/** A process's resident memory now (Linux). */
const rssMb = (pid: number) => mb(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024);

export async function runSoakBench(minutes = 120): Promise<SoakBenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-soak-'));
  const con = await startConsole(dir);
  const base = con.url.replace(/\?.*$/, '');
  const browser = await launchChromium(gpuSwitches.noGpu);
  try {
    const wall = await rpcCall(base, con.token, 'settings.wall', {});
    await rpcCall(base, con.token, 'settings.setWall', { ...wall, playlist: { enabled: true, everySec: ROTATE_SEC, views: ['overview', 'kpi'] } });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // Count the WebGL contexts the page makes that are still alive and not lost.
    await watchWebglContexts(page);
    await page.goto(con.url);
    await page.locator('[data-ticket]').first().waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const first = await rpcCall(base, con.token, 'tickets.counts', {});
    const samples: SoakSample[] = [];
    const t0 = Date.now();
    for (let minute = 1; minute <= minutes; minute++) {
      // Sampling on the minute of the run (the page and the console go on meanwhile), always on the overview: the
      // views differ in what they hold (the KPI wall's charts have hundreds of nodes and listeners of their own).
      await wait(Math.max(0, t0 + minute * 60_000 - Date.now()));
      await page.waitForFunction(() => document.querySelector('[data-testid="view-overview"]')?.getAttribute('aria-pressed') === 'true', undefined, { timeout: ROTATE_SEC * 4000 });
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      const webglContexts = await liveWebglContexts(page);
      const rowsShown = await page.locator('[data-ticket]').count();
      const before = rssMb(con.child.pid!);
      await con.inspector.collectGarbage();
      const h = await rpcCall(base, con.token, 'app.health', {});
      const counts = await rpcCall(base, con.token, 'tickets.counts', {});
      const s: SoakSample = {
        minute,
        pageHeapMb: mb(heap.usedSize),
        domNodes: dom.nodes,
        listeners: dom.jsEventListeners,
        webglContexts,
        consoleRssMb: rssMb(con.child.pid!),
        consoleRssBeforeGcMb: before,
        consoleHeapMb: mb(h.heapUsedBytes),
        storeMb: mb(h.storeBytes),
        walMb: mb(h.walBytes),
        rowsShown,
        openTickets: counts.open,
      };
      samples.push(s);
      log(`soak ${minute}/${minutes} min: page heap ${s.pageHeapMb} MB, ${s.domNodes} nodes, ${s.listeners} listeners, ${s.webglContexts} WebGL; console RSS ${s.consoleRssMb} MB after GC (${s.consoleRssBeforeGcMb} before), heap ${s.consoleHeapMb} MB, store ${s.storeMb} MB, WAL ${s.walMb} MB; ${s.openTickets} open`);
    }
    const last = await rpcCall(base, con.token, 'tickets.counts', {});
    writeFileSync(path.join(__dirname, 'soak-samples.json'), JSON.stringify(samples, null, 1) + '\n');
    const at = samples.find((s) => s.minute === Math.min(BASE_MINUTE, minutes))!;
    const end = samples.at(-1)!;
    const growth = (k: keyof SoakSample) => Number(((end[k] as number) / Math.max(1e-9, at[k] as number)).toFixed(3));
    return {
      r7_minutes: minutes,
      r7_renderer_heap_growth: growth('pageHeapMb'),
      r7_dom_nodes_growth: growth('domNodes'),
      r7_listeners_growth: growth('listeners'),
      r7_console_rss_growth: growth('consoleRssMb'),
      r7_console_heap_growth: growth('consoleHeapMb'),
      r7_wal_max_mb: Math.max(...samples.map((s) => s.walMb)),
      r7_webgl_contexts_max: Math.max(...samples.map((s) => s.webglContexts)),
      r7_tickets_added: last.total - first.total,
      r7_open_at_base: at.openTickets,
      r7_open_at_end: end.openTickets,
      r7_samples: samples,
    };
  } finally {
    await browser.close();
    con.inspector.close();
    con.child.kill('SIGTERM');
    await new Promise((resolve) => (con.child.exitCode !== null ? resolve(null) : con.child.once('exit', resolve)));
    await rm(dir, { recursive: true, force: true });
  }
}
