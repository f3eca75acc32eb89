/**
 * r7, the soak: does the wall run for a week? The console as `npm start` runs it where there is no Electron — the
 * built web host (out/main/webhost.js) in its own process, its core on a worker thread, the embedded hub's demo
 * feed at 20× its default rate — and its wall in Chromium with the switches the product launches a wall without a
 * GPU with, at 1920×1080, the playlist rotating every 10 s, for two hours (BENCH_SOAK_MINUTES). Every minute, on
 * the overview just after the playlist has brought it back: the page's JS heap after a forced garbage collection,
 * its DOM nodes and event listeners (CDP's DOM counters), its live WebGL contexts and those it ever made, and the
 * console's RSS as it runs (nothing collected: what a wall PC holds), its core's heap, the store and WAL sizes of the
 * console and of the demo hub. At the base (10 minutes, after start-up and the first sync) and at the end only, the
 * console's RSS is read a second time after a full collection in each of its isolates (through its inspector): the
 * two tell garbage from memory kept. The console runs with `--inspect=127.0.0.1:0` for that (loopback, for the
 * bench only; V8 then keeps a bounded buffer of console messages, which makes the figure a little worse if anything).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { launchChromium } from '../e2e/support/browser';
import { rpcCall } from '../test/support/rpc-ws';
import gpuSwitches from '../resources/gpu-switches.json';
import { watchWebglContexts, webglContexts as liveWebglContexts, webglContextsMade } from '../e2e/support/webgl-contexts';
import { inspectorUrl, NodeInspector } from './node-inspector';
import { coreProcessEnv } from '../electron/core/core-process-env';

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
  /** WebGL contexts made since the page loaded (1: the map kept across every rotation). */
  webglMade: number;
  /** The playlist's view changes so far. */
  viewChanges: number;
  /** The console process's RSS as it runs. */
  consoleRssMb: number;
  /** The core's Buffers and ArrayBuffers (outside its heap). */
  consoleExternalMb: number;
  /** The RSS's anonymous and file-backed parts, as it runs. */
  consoleRssAnonMb: number;
  consoleRssFileMb: number;
  /** Its RSS after a full collection in every isolate (the base and the end samples only). */
  consoleRssAfterGcMb: number | null;
  consoleHeapMb: number;
  storeMb: number;
  walMb: number;
  /** The embedded demo hub's store and WAL (the same process, the same data folder). */
  hubStoreMb: number;
  hubWalMb: number;
  rowsShown: number;
  /** Open tickets (what the map holds a point for): the demo settles at a district's steady level. */
  openTickets: number;
};

export type SoakBenchResult = {
  r7_minutes: number;
  r7_renderer_heap_growth: number;
  r7_dom_nodes_growth: number;
  r7_listeners_growth: number;
  /** The console's RSS as it runs, end ÷ base (the issue's figure). */
  r7_console_rss_growth: number;
  /** The same with the median of the three samples around each (one sample of a sawtooth decides nothing alone). */
  r7_console_rss_growth_median3: number;
  /** After a full collection at both: memory kept, not garbage. */
  r7_console_rss_after_gc_growth: number;
  r7_console_rss_base_mb: number;
  r7_console_rss_end_mb: number;
  r7_console_heap_growth: number;
  r7_wal_max_mb: number;
  r7_hub_wal_max_mb: number;
  r7_webgl_contexts_max: number;
  r7_webgl_contexts_made: number;
  /** View changes the playlist made, and as many as every 10 s would make. */
  r7_view_changes: number;
  r7_view_changes_expected: number;
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
    // As npm start launches it (scripts/start.mjs): with the core process's environment.
    env: { ...coreProcessEnv(process.env), LIANDONG_DATA_DIR: dataDir, LIANDONG_DEMO_RATE: String(RATE) },
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
  const inspector = await Promise.race([inspecting, wait(30_000).then(() => Promise.reject(new Error(`the console's inspector did not start: ${stderr.slice(0, 500)}`)))]);
  return { child, url, token: new URL(url).searchParams.get('token')!, inspector: await NodeInspector.connect(inspector) };
}

/** A process's resident memory now (Linux). */
const statusKb = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const rssMb = (pid: number) => mb(statusKb(pid, 'VmRSS') * 1024);
/** The RSS's parts: anonymous memory (heaps, SQLite's page caches, malloc's arenas) and file pages mapped in. */
const rssPartsMb = (pid: number) => ({ anon: mb(statusKb(pid, 'RssAnon') * 1024), file: mb(statusKb(pid, 'RssFile') * 1024) });
const fileMb = (file: string) => (existsSync(file) ? mb(statSync(file).size) : 0);
const median3 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Before the page loads: count the wall's view changes (a view's button becoming pressed). */
async function watchViewChanges(page: import('playwright-core').Page): Promise<void> {
  // tsx (esbuild keepNames) wraps the functions below in `__name`: defined first, as wall.bench.ts does.
  await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  await page.addInitScript(() => {
    const w = window as unknown as { __viewChanges: number; __overviewSince: number };
    w.__viewChanges = 0;
    w.__overviewSince = 0;
    let shown = '';
    const look = () => {
      const pressed = document.querySelector('[data-testid^="view-"][aria-pressed="true"]')?.getAttribute('data-testid') ?? '';
      if (pressed && pressed !== shown) {
        if (shown) w.__viewChanges++;
        shown = pressed;
        if (pressed === 'view-overview') w.__overviewSince = Date.now();
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-pressed'] });
  });
}
const viewChanges = (page: import('playwright-core').Page) => page.evaluate(() => (window as unknown as { __viewChanges: number }).__viewChanges);

export async function runSoakBench(minutes = 120): Promise<SoakBenchResult> {
  if (!(minutes > BASE_MINUTE + 1)) throw new Error(`BENCH_SOAK_MINUTES must be more than ${BASE_MINUTE + 1}: growth is read against minute ${BASE_MINUTE}`);
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
    await watchViewChanges(page);
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
      // Just after the playlist brings the overview back (a second to settle), and again if it moved on meanwhile.
      let changes = 0;
      let read: { heap: { usedSize: number }; dom: { nodes: number; jsEventListeners: number }; webglContexts: number; rowsShown: number } | undefined;
      for (let attempt = 0; attempt < 3 && !read; attempt++) {
        const since = await page.evaluate(() => Date.now());
        await page.waitForFunction((t) => (window as unknown as { __overviewSince: number }).__overviewSince > t && document.querySelector('[data-testid="view-overview"]')?.getAttribute('aria-pressed') === 'true', since, { timeout: ROTATE_SEC * 4000 });
        await wait(1000);
        const before = await viewChanges(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
        const webglContexts = await liveWebglContexts(page);
        const rowsShown = await page.locator('[data-ticket]').count();
        changes = await viewChanges(page);
        if (changes === before) read = { heap, dom, webglContexts, rowsShown };
      }
      if (!read) throw new Error(`minute ${minute}: the overview never stayed long enough to be sampled`);
      const { heap, dom, webglContexts, rowsShown } = read;
      const rss = rssMb(con.child.pid!);
      const parts = rssPartsMb(con.child.pid!);
      let afterGc: number | null = null;
      if (minute === BASE_MINUTE || minute === minutes) {
        await con.inspector.collectGarbage();
        afterGc = rssMb(con.child.pid!);
      }
      const h = await rpcCall(base, con.token, 'app.health', {});
      const counts = await rpcCall(base, con.token, 'tickets.counts', {});
      const s: SoakSample = {
        minute,
        pageHeapMb: mb(heap.usedSize),
        domNodes: dom.nodes,
        listeners: dom.jsEventListeners,
        webglContexts,
        webglMade: await webglContextsMade(page),
        viewChanges: changes,
        consoleRssMb: rss,
        consoleRssAnonMb: parts.anon,
        consoleRssFileMb: parts.file,
        consoleRssAfterGcMb: afterGc,
        consoleHeapMb: mb(h.heapUsedBytes),
        consoleExternalMb: mb(h.externalBytes),
        storeMb: mb(h.storeBytes),
        walMb: mb(h.walBytes),
        hubStoreMb: fileMb(path.join(dir, 'demo-hub.sqlite')),
        hubWalMb: fileMb(path.join(dir, 'demo-hub.sqlite-wal')),
        rowsShown,
        openTickets: counts.open,
      };
      samples.push(s);
      // Kept as they come: a run cut short still has its samples.
      writeFileSync(path.join(__dirname, 'soak-samples.json'), JSON.stringify(samples, null, 1) + '\n');
      log(`soak ${minute}/${minutes} min: page heap ${s.pageHeapMb} MB, ${s.domNodes} nodes, ${s.listeners} listeners, ${s.webglContexts} WebGL (${s.webglMade} made), ${s.viewChanges} view changes; console RSS ${s.consoleRssMb} MB (anon ${s.consoleRssAnonMb}, file ${s.consoleRssFileMb})${afterGc === null ? '' : ` (${afterGc} after GC)`}, heap ${s.consoleHeapMb} MB, store ${s.storeMb} MB, WAL ${s.walMb} MB, hub store ${s.hubStoreMb} MB, WAL ${s.hubWalMb} MB; ${s.openTickets} open`);
    }
    const last = await rpcCall(base, con.token, 'tickets.counts', {});
    const at = samples.find((s) => s.minute === BASE_MINUTE)!;
    const end = samples.at(-1)!;
    const ratio = (a: number, b: number) => Number((a / Math.max(1e-9, b)).toFixed(3));
    const growth = (k: keyof SoakSample) => ratio(end[k] as number, at[k] as number);
    const rssAround = (i: number) => median3(samples.slice(Math.max(0, i - 1), i + 2).map((s) => s.consoleRssMb));
    const baseIndex = samples.indexOf(at);
    return {
      r7_minutes: minutes,
      r7_renderer_heap_growth: growth('pageHeapMb'),
      r7_dom_nodes_growth: growth('domNodes'),
      r7_listeners_growth: growth('listeners'),
      r7_console_rss_growth: growth('consoleRssMb'),
      r7_console_rss_growth_median3: ratio(rssAround(samples.length - 2), rssAround(baseIndex)),
      r7_console_rss_after_gc_growth: ratio(end.consoleRssAfterGcMb!, at.consoleRssAfterGcMb!),
      r7_console_rss_base_mb: at.consoleRssMb,
      r7_console_rss_end_mb: end.consoleRssMb,
      r7_console_heap_growth: growth('consoleHeapMb'),
      r7_wal_max_mb: Math.max(...samples.map((s) => s.walMb)),
      r7_hub_wal_max_mb: Math.max(...samples.map((s) => s.hubWalMb)),
      r7_webgl_contexts_max: Math.max(...samples.map((s) => s.webglContexts)),
      r7_webgl_contexts_made: end.webglMade,
      r7_view_changes: end.viewChanges,
      r7_view_changes_expected: Math.floor((minutes * 60) / ROTATE_SEC),
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
