/**
 * The web host's core on a worker thread: the console service (store, sync, embedded hub, pdfkit…) runs there,
 * the web host's own thread serves pages and WebSockets and bridges each screen to the core over a port of its
 * own. Stopping waits for the core to close its store.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { CoreLink } from '../../shared/rpc/port-transport';
import type { CoreStart, FromCore, ToCoreMessage } from '../core/host/core-protocol';
import { nodePort } from '../core/host/node-port';

export type CoreWorker = CoreLink & {
  /** The core's thread ended without being asked to (a fault): the web host cannot serve without it. */
  onExit(listener: (code: number) => void): void;
  /** The core's wall settings changed (the Electron shell moves its window; the web host has nothing to do). */
  onWallSettings(listener: (s: Extract<FromCore, { kind: 'wallSettings' }>['settings']) => void): void;
  stop(): Promise<void>;
};

/** Built next to the web host (out/main/core-worker.js), or the source under tsx (tests). */
function workerScript(): string {
  const built = path.join(__dirname, 'core-worker.js');
  if (existsSync(built)) return built;
  return path.join(__dirname, '..', 'core', 'host', 'worker-entry.ts');
}

export async function startCoreWorker(start: CoreStart, log: (line: string) => void): Promise<CoreWorker> {
  const script = workerScript();
  const worker = script.endsWith('.ts') ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true }) : new Worker(script);
  const wallListeners = new Set<(s: Extract<FromCore, { kind: 'wallSettings' }>['settings']) => void>();
  let stopped: (() => void) | undefined;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromCore) => {
      if (m.kind === 'ready') resolve();
      // (The web host has no window to place: the settings that come with `ready` are for Electron.)
      else if (m.kind === 'failed') reject(new Error(m.message));
      else if (m.kind === 'log') log(m.line);
      else if (m.kind === 'wallSettings') wallListeners.forEach((l) => l(m.settings));
      else if (m.kind === 'stopped') stopped?.();
    });
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`the core's thread ended (exit ${code}) before it was ready`)));
  });
  worker.on('error', (e) => log(`core thread: ${e.stack ?? e.message}`));
  /** A control message, with the port that goes with it (`connect`). */
  const send = (message: ToCoreMessage, port?: MessagePort) => (port ? worker.postMessage({ message, port }, [port]) : worker.postMessage({ message }));
  send({ kind: 'start', start });
  try {
    await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  let stopping = false;
  return {
    onExit: (l) => void exited.then((code) => !stopping && l(code)),
    open(ctx) {
      const { port1, port2 } = new MessageChannel();
      send({ kind: 'connect', peer: ctx.peer, transport: ctx.transport, access: ctx.access ?? 'wall' }, port2);
      return nodePort(port1);
    },
    onWallSettings: (l) => void wallListeners.add(l),
    async stop() {
      stopping = true;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      send({ kind: 'stop' });
      // The core answers once its store is closed; a core that has died answers by its exit.
      await Promise.race([done, exited]);
      await worker.terminate();
    },
  };
}
