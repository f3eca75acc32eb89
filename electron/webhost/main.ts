/**
 * Standalone web host (no Electron): `node out/main/webhost.js`. `npm start` uses it where no Electron
 * binary can be had. Prints one line a person (or a script) can open:
 *   Liandong wall: http://127.0.0.1:PORT/?token=TOKEN
 */
import path from 'node:path';
import { readConfig } from '../core/config';
import { defaultDataDir } from '../core/paths';
import { readHostIdentity, saveHostIdentity } from './host-identity';
import { startWebHost } from './web-host';
import { startCoreWorker } from './core-worker';

declare const __APP_VERSION__: string;

async function main(): Promise<void> {
  // Everything the console writes (stores, minutes) is for its own user only: files 0600, folders 0700.
  process.umask(0o077);
  // Built to out/main/webhost.js: the repo (or app) root is two folders up.
  const root = path.resolve(__dirname, '..', '..');
  const config = readConfig(process.env, { dataDir: defaultDataDir() });
  const log = (line: string) => process.stderr.write(`[liandong] ${line}\n`);
  // The core (store, sync, embedded hub) on a thread of its own; this thread serves pages and screens.
  const core = await startCoreWorker(
    { config, resourcesDir: config.resourcesDir ?? path.join(root, 'resources'), host: 'webhost', version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev' },
    log,
  );
  core.onExit((code) => {
    log(`the console's core stopped unexpectedly (exit ${code}): the web host stops too`);
    process.exit(1);
  });
  // The same port and tokens as last time (an open page reconnects after a restart), unless configured.
  const saved = await readHostIdentity(config.dataDir);
  const start = (port: number) =>
    startWebHost({ core, staticDir: path.join(root, 'out', 'renderer'), host: config.webHost.host, port, token: config.webHost.token ?? saved.token, wallToken: saved.wallToken });
  const wanted = config.webHost.port || saved.port || 0;
  const host = await start(wanted).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE' || config.webHost.port) throw e;
    log(`port ${wanted} is taken: a new one (open pages must be opened again)`);
    return start(0);
  });
  await saveHostIdentity(config.dataDir, { token: saved.token, wallToken: saved.wallToken, port: host.port });
  process.stdout.write(`Liandong wall: ${host.wallUrl}\n`);
  log(`extra wall screens (read-only): ${host.viewerUrl}`);
  log(`data: ${config.dataDir}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    // Waits for the core to close its store.
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Last line of defence: a promise rejected where nobody listened is a bug, logged loudly (the fuzz test fails on
// it) — but it does not stop the process serving a district.
process.on('unhandledRejection', (e) => process.stderr.write(`[liandong] unhandled rejection (a bug, please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));

main().catch((e) => {
  process.stderr.write(`[liandong] 启动失败 (start-up failed): ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
