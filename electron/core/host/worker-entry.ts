/**
 * The core on a worker thread of the web host (built to out/main/core-worker.js; electron/webhost/core-worker.ts
 * starts it). Its control channel is the thread's parent port; each peer's port arrives with `connect`.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { nodePort } from './node-port';
import { runCoreHost } from './core-host';

const parent = parentPort!;
runCoreHost({
  post: (m) => parent.postMessage(m),
  listen(listener) {
    parent.on('message', (m: { message: unknown; port?: MessagePort }) => listener(m?.message, m?.port ? nodePort(m.port) : undefined));
  },
});

// Last line of defence, as in the web host's own thread: a promise rejected where nobody listened is a bug, logged
// loudly — but it does not end the core (a worker's unhandled rejection would).
process.on('unhandledRejection', (e) => parent.postMessage({ kind: 'log', line: `unhandled rejection in the core (a bug, please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }));
