/**
 * Wall benchmarks (issue: the wall screen), in Chromium through the web host, against a real hub:
 *  p2: hub ingest → the ticket's row in the wall's DOM, at 100 events/s for 60 s (p99, ms), on Chromium's GPU
 *      pipeline (SwiftShader as the GPU, as a wall PC's GPU would be used) and on its software compositing;
 *  p3: map pan frame rate with N tickets in the store ÷ the same map with an empty store, same run.
 * WebGL here is SwiftShader (CPU): p3 is a smoke figure, reported as a ratio.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { readConfig } from '../electron/core/config';
import { startConsoleService } from '../electron/core/console-service';
import { startWebHost } from '../electron/webhost/web-host';
import { generateTokens } from '../hub/auth';
import { generateTickets } from '../hub/demo/ticket-generator';
import { startHub } from '../hub/hub-server';
import { benchBatch } from './bench-data';
import { inProcessCore } from '../electron/core/host/in-process';
import gpuSwitches from '../resources/gpu-switches.json';

const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);
const RENDERER = path.join(__dirname, '..', 'out', 'renderer');

async function wallOn(tickets: number, dir: string) {
  const hub = await startHub({ filename: path.join(dir, `hub-${tickets}.sqlite`), tokens: generateTokens() });
  for (let i = 0; i < tickets; i += 20_000) await hub.ingest(benchBatch(i, tickets));
  const service = await startConsoleService({
    config: readConfig({ LIANDONG_HUB_URL: hub.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token }, { dataDir: dir }),
    resourcesDir: path.join(__dirname, '..', 'resources'),
    host: 'webhost',
    version: 'bench',
    storeFile: path.join(dir, `console-${tickets}.sqlite`),
    // BENCH_LOG=1: the console's log (slow queries among it), to see what holds up the store.
    log: process.env.BENCH_LOG ? (l: string) => log(`console: ${l}`) : undefined,
  });
  await service.sync.whenCursorAtLeast(hub.store.head);
  const host = await startWebHost({ core: inProcessCore(service.server), staticDir: RENDERER });
  return {
    hub,
    service,
    host,
    async close() {
      await host.close();
      await service.close();
      await hub.close();
    },
  };
}

type MapHandle = { on(e: string, f: () => void): void; off(e: string, f: () => void): void; panBy(o: [number, number], opts: { animate: boolean }): void; isSourceLoaded(id: string): boolean };

/** A page for the bench; tsx (esbuild keepNames) wraps functions passed to evaluate in `__name`, defined here. */
export async function benchPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(`(() => {
    const got = (globalThis.__wsSeen = new Map());
    const Orig = WebSocket;
    globalThis.WebSocket = class extends Orig {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', (e) => {
          if (typeof e.data === 'string' && e.data.includes('P2-')) for (const m of e.data.matchAll(/"(P2-\\d{7})"/g)) if (!got.has(m[1])) got.set(m[1], Date.now());
        });
      }
    };
  })();`);
  return page;
}

async function panFps(page: Page, seconds: number): Promise<number> {
  await page.getByTestId('map-count').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { __liandongMap?: MapHandle }).__liandongMap?.isSourceLoaded('tickets'), undefined, { timeout: 120_000 });
  return page.evaluate(async (ms) => {
    const map = (window as unknown as { __liandongMap: MapHandle }).__liandongMap;
    let frames = 0;
    const count = () => frames++;
    map.on('render', count);
    const t0 = performance.now();
    let step = 0;
    await new Promise<void>((done) => {
      const tick = () => {
        if (performance.now() - t0 >= ms) return done();
        // Back and forth across the district.
        map.panBy([Math.floor(step++ / 60) % 2 ? -6 : 6, 0], { animate: false });
        requestAnimationFrame(tick);
      };
      tick();
    });
    map.off('render', count);
    return frames / ((performance.now() - t0) / 1000);
  }, seconds * 1000);
}

/** Chromium's GPU pipeline with SwiftShader (the CPU) as its GPU — hardware compositing, as on a wall PC with a GPU
 * — with the switches the product itself launches a wall without a GPU with (resources/gpu-switches.json). */
export const GPU_PIPELINE_ARGS: string[] = gpuSwitches.noGpu;

const P3_ROUNDS = 5;

type Latency = { p99: number; median: number; events: number; seen: number };

/** p2: new tickets at 100/s into the hub; the page notes when each ticket's row appears in the stream. `run` keeps
 * each run's ticket numbers apart. */
async function eventToScreen(browser: Browser, full: Awaited<ReturnType<typeof wallOn>>, p2Seconds: number, run: number): Promise<Latency> {
  const pageFull = await benchPage(browser);
  await pageFull.goto(full.host.wallUrl);
  await pageFull.getByTestId('map-count').waitFor({ timeout: 120_000 });
  await pageFull.waitForFunction(() => (window as unknown as { __liandongMap?: MapHandle }).__liandongMap?.isSourceLoaded('tickets'), undefined, { timeout: 120_000 });
  await pageFull.evaluate(() => {
    const seen = new Map<string, number>();
    (window as unknown as { __seen: Map<string, number> }).__seen = seen;
    const note = (n: Node) => {
      const no = n instanceof HTMLElement ? n.dataset.ticket : undefined;
      if (no?.startsWith('P2-') && !seen.has(no)) seen.set(no, Date.now());
    };
    new MutationObserver((records) => {
      for (const r of records) r.type === 'attributes' ? note(r.target) : r.addedNodes.forEach(note);
    }).observe(document.querySelector('[data-testid="ticket-list"]')!, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ticket'] });
  });
  const applied = new Map<string, number>();
  const offApplied = full.service.tickets.onChanged((a) => {
    if (a.kind === 'tickets') for (const t of a.tickets) if (t.ticketNo.startsWith('P2-') && !applied.has(t.ticketNo)) applied.set(t.ticketNo, Date.now());
  });
  // Where the time goes: this process's event loop (hub, console and web host share it) and the page's long tasks.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await pageFull.evaluate(() => {
    const long: number[] = [];
    (window as unknown as { __long: number[] }).__long = long;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  const cdp = process.env.BENCH_PROFILE ? await pageFull.context().newCDPSession(pageFull) : undefined;
  if (cdp) await cdp.send('Profiler.enable');
  if (cdp) await cdp.send('Profiler.start');
  const sent = new Map<string, number>();
  const total = p2Seconds * 100;
  const t0 = Date.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + i * 10;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const [r] = generateTickets(1, { now: Date.now(), seed: 50_000 + run * total + i });
    const no = `P2-${run}${String(i).padStart(6, '0')}`;
    sent.set(no, Date.now());
    await full.hub.ingest([{ ...r!, ticket: { ...r!.ticket, ticketNo: no, receivedAt: Date.now() } }]);
  }
  loop.disable();
  const long = (await pageFull.evaluate(() => (window as unknown as { __long: number[] }).__long)).sort((a, b) => b - a);
  log(`during p2: node event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms; page long tasks ${long.length}, ${long.reduce((a, b) => a + b, 0)} ms in all, longest ${long.slice(0, 8).join(', ')} ms`);
  if (cdp) (await import('node:fs')).writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  // Let the last rows arrive.
  await pageFull.waitForFunction((n) => (window as unknown as { __seen: Map<string, number> }).__seen.size >= n, Math.floor(total * 0.99), { timeout: 30_000 }).catch(() => {});
  const seen = new Map(await pageFull.evaluate(() => [...(window as unknown as { __seen: Map<string, number> }).__seen.entries()]));
  const lat = [...sent].filter(([no]) => seen.has(no)).map(([no, at]) => seen.get(no)! - at).sort((a, b) => a - b);
  const p99 = lat[Math.ceil(lat.length * 0.99) - 1] ?? NaN;
  log(`event → screen (${run ? 'GPU pipeline' : 'software compositing'}): ${lat.length}/${total} rows seen; median ${lat[lat.length >> 1]} ms, p99 ${p99} ms`);
  offApplied();
  const ws = new Map(await pageFull.evaluate(() => [...(globalThis as unknown as { __wsSeen: Map<string, number> }).__wsSeen.entries()]));
  const inWs = [...sent].filter(([no]) => ws.has(no)).map(([no, at]) => ws.get(no)! - at).sort((a, b) => a - b);
  log(`event → page websocket: ${inWs.length}/${total}; median ${inWs[inWs.length >> 1]} ms, p99 ${inWs[Math.ceil(inWs.length * 0.99) - 1]} ms`);
  const inStore = [...sent].filter(([no]) => applied.has(no)).map(([no, at]) => applied.get(no)! - at).sort((a, b) => a - b);
  log(`event → console store: ${inStore.length}/${total}; median ${inStore[inStore.length >> 1]} ms, p99 ${inStore[Math.ceil(inStore.length * 0.99) - 1]} ms`);
  await pageFull.close();
  return { p99, median: lat[lat.length >> 1] ?? NaN, events: total, seen: lat.length };
}

export type WallBenchResult = { p2_event_to_screen_p99_ms: number; p2_median_ms: number; p2_events: number; p2_seen: number; p2_software_compositing_p99_ms: number; p2_software_compositing_median_ms: number; p3_map_fps_ratio: number; p3_round_ratios: number[]; p3_fps_full: number; p3_fps_empty: number; p3_tickets: number; p3_open_points: number };

export async function runWallBench(tickets = 200_000, p2Seconds = 60): Promise<WallBenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-wallbench-'));
  const browser = await launchChromium();
  try {
    log(`wall: a console with ${tickets} tickets, and one with none…`);
    const full = await wallOn(tickets, dir);
    const empty = await wallOn(0, dir);
    const open = (await full.service.tickets.counts()).open;

    // Measured in turns — the empty map, then the full one, five times, each page alone in the browser — and
    // compared round by round: the software renderer's speed drifts from one minute to the next (a whole round
    // can run at half speed), and a round's two pages, measured one after the other, drift together. p3 is the
    // median of the five rounds' ratios.
    const rounds: { empty: number; full: number }[] = [];
    for (let i = 0; i < P3_ROUNDS; i++) {
      const round = { empty: 0, full: 0 };
      for (const [which, wall] of [['empty', empty], ['full', full]] as const) {
        const page = await benchPage(browser);
        await page.goto(wall.host.wallUrl);
        round[which] = await panFps(page, 5);
        await page.close();
      }
      rounds.push(round);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const ratio = median(rounds.map((r) => r.full / r.empty));
    const fpsEmpty = median(rounds.map((r) => r.empty));
    const fpsFull = median(rounds.map((r) => r.full));
    log(`map pan rounds (empty/full fps): ${rounds.map((r) => `${r.empty.toFixed(1)}/${r.full.toFixed(1)}`).join(', ')}; ratios ${rounds.map((r) => (r.full / r.empty).toFixed(2)).join(', ')}`);
    log(`map pan: ${fpsFull.toFixed(1)} fps with ${tickets} tickets (${open} open points), ${fpsEmpty.toFixed(1)} fps empty`);
    await empty.close();
    // p2 on both of Chromium's pipelines: software compositing (what Chromium does here, with no GPU: each frame
    // of the WebGL map is read back into the page's main thread), and the GPU pipeline of a wall PC with a
    // GPU, which SwiftShader provides on the CPU (WebGL frames handed to the compositor, no read-back).
    const software = await eventToScreen(browser, full, p2Seconds, 0);
    const gpuBrowser = await launchChromium(GPU_PIPELINE_ARGS);
    const gpu = await eventToScreen(gpuBrowser, full, p2Seconds, 1).finally(() => gpuBrowser.close());
    await full.close();
    return {
      p2_event_to_screen_p99_ms: gpu.p99,
      p2_median_ms: gpu.median,
      p2_events: gpu.events,
      p2_seen: gpu.seen,
      p2_software_compositing_p99_ms: software.p99,
      p2_software_compositing_median_ms: software.median,
      p3_map_fps_ratio: Number(ratio.toFixed(3)),
      p3_round_ratios: rounds.map((r) => Number((r.full / r.empty).toFixed(3))),
      p3_fps_full: Number(fpsFull.toFixed(1)),
      p3_fps_empty: Number(fpsEmpty.toFixed(1)),
      p3_tickets: tickets,
      p3_open_points: open,
    };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
