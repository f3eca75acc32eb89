/**
 * The core in Electron's utility process (built to out/main/core-utility.js; electron/main/core-process.ts forks
 * it). Node only, no `electron` import: the utility process gives it `process.parentPort`, and each window's port
 * (a MessagePortMain) arrives with `connect`.
 */
import { mainPort, type MainPortLike } from './main-port';
import { runCoreHost } from './core-host';

type ParentPort = { postMessage(m: unknown): void; on(ev: 'message', l: (e: { data: unknown; ports: MainPortLike[] }) => void): void };

const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parent) throw new Error('core-utility.js runs in an Electron utility process (process.parentPort)');

runCoreHost({
  post: (m) => parent.postMessage(m),
  listen(listener) {
    parent.on('message', (e) => listener(e.data, e.ports[0] ? mainPort(e.ports[0]) : undefined));
  },
});

// Last line of defence: a promise rejected where nobody listened is a bug, logged loudly — it does not end the core.
process.on('unhandledRejection', (e) => parent.postMessage({ kind: 'log', line: `unhandled rejection in the core (a bug, please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }));
