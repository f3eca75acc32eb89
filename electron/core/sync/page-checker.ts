/**
 * Where pages of the change feed are parsed and validated. A full sync parses ~1 GB of JSON; on the main thread
 * each page (5,000 tickets, PAGE_SIZE) would hold it ~60 ms, and every statement of the store's write waits for
 * that thread between its steps — so the store's writer would stand idle while a page is parsed. Pages are
 * checked on a worker thread instead, one page at a time, in order. Where no worker can be started, pages are
 * checked in this thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkPageForWrite, PageRefusedError, type PageForWrite } from './change-batch';
import type { PageBody } from './hub-link';

/** A checked page, and its body to store (the same bytes or text). */
export type CheckedBody = { page: PageForWrite; body: PageBody };

export type PageChecker = {
  /** Get ready (a worker takes a moment to start): called when a sync starts. */
  warm(): void;
  check(body: PageBody, after: number, ticketsUpTo: number): Promise<CheckedBody>;
  close(): Promise<void>;
};

export function inThreadChecker(): PageChecker {
  return {
    warm: () => {},
    check: async (body, after, ticketsUpTo) => ({ page: checkPageForWrite(body, after, ticketsUpTo), body }),
    close: async () => {},
  };
}

/** The worker's script: built next to the main bundle (out/main/page-check-worker.js), or the source under tsx. */
function workerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'page-check-worker.js'), path.join(__dirname, '..', 'page-check-worker.js'), path.join(__dirname, 'page-check-worker.ts')];
  return candidates.find((f) => existsSync(f));
}

/** What postMessage may move rather than copy: the bytes of a body that owns its whole buffer. */
export function movable(body: PageBody): ArrayBuffer[] {
  return typeof body !== 'string' && body.buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? [body.buffer] : [];
}

/** Each page parsed is ~10 MB of short-lived objects: a young generation that holds a few pages lets them die
 * there rather than be copied out (measured on a 1,000,000-ticket sync: ~5 s less CPU on this thread). */
const LIMITS = { maxYoungGenerationSizeMb: 64 };

type Pending = { body: PageBody; after: number; ticketsUpTo: number; resolve: (p: CheckedBody) => void; reject: (e: Error) => void };

/** A checker on a worker thread, started on first use; falls back to this thread if the worker cannot run.
 * `script` replaces the worker's script (tests). */
export function workerChecker(log?: (line: string) => void, script = workerScript()): PageChecker {
  let worker: Worker | undefined;
  let fallback: PageChecker | undefined;
  let nextId = 1;
  let answered = false;
  const pending = new Map<number, Pending>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  /** The worker could not run: the pages it had are checked here, and so is every later one. */
  const fallBack = (why: string) => {
    log?.(`page checker thread failed (${why}); checking pages on the main thread`);
    fallback = inThreadChecker();
    worker = undefined;
    for (const p of pending.values()) fallback.check(p.body, p.after, p.ticketsUpTo).then(p.resolve, p.reject);
    pending.clear();
  };
  /** A worker, or (when none can be started) the fallback set. */
  const start = (): Worker | undefined => {
    let w: Worker;
    try {
      if (!script) throw new Error('no worker script');
      // Under tsx (development, tests, benchmarks) the worker loads the TypeScript source through tsx's require hook.
      w = script.endsWith('.ts') ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true, resourceLimits: LIMITS }) : new Worker(script, { resourceLimits: LIMITS });
    } catch (e) {
      fallBack(e instanceof Error ? e.message : String(e));
      return undefined;
    }
    w.on('message', (m: { id: number; page?: PageForWrite; body?: PageBody; error?: { refused: boolean; message: string } }) => {
      answered = true;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.page) p.resolve({ page: m.page, body: m.body! });
      else p.reject(m.error!.refused ? new PageRefusedError(m.error!.message) : new Error(m.error!.message));
    });
    w.on('error', (e) => fallBack(e.message));
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      failAll(new Error('page checker thread stopped'));
    });
    w.unref(); // referenced only while a page is being checked
    return w;
  };
  return {
    warm() {
      if (!fallback) worker ??= start();
    },
    check(body, after, ticketsUpTo) {
      if (!fallback) worker ??= start();
      if (fallback || !worker) return fallback!.check(body, after, ticketsUpTo);
      const id = nextId++;
      const w = worker;
      if (!pending.size) w.ref();
      return new Promise<CheckedBody>((resolve, reject) => {
        // Kept for a fallback: a body moved to a worker that then fails is lost to this thread, so it is copied
        // until the worker has answered once.
        pending.set(id, { body, after, ticketsUpTo, resolve, reject });
        w.postMessage({ id, body, after, ticketsUpTo }, answered ? movable(body) : []);
      }).finally(() => {
        if (!pending.size && worker === w) w.unref();
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
