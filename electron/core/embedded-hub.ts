/**
 * With no hub configured the console starts the reference hub in-process, on loopback, seeded with the
 * demo history and running the demo feed — and then syncs from it exactly as from a real hub. Station
 * consoles on this machine may connect to it too (loopback only): its port and tokens are kept per data
 * folder (embedded-hub-identity.ts), and `stationCommand` gives the command that starts one.
 */
import { generateTokens } from '../../hub/auth';
import { loadDemoTickets } from '../../hub/demo/demo-file';
import { startDemoFeed } from '../../hub/demo/demo-feed';
import { startHub, type Hub } from '../../hub/hub-server';
import { portIsFree, readEmbeddedHubIdentity, saveEmbeddedHubIdentity } from './embedded-hub-identity';
import { stationCommand } from './station-command';

/** The embedded demo hub's page cache: 4 MiB (a demo's store; it shares the console's process). */
export const EMBEDDED_HUB_CACHE_KIB = -4096;

export type EmbeddedHub = {
  hub: Hub;
  url: string;
  tokenFor(role: 'console' | 'station', stationCode: string | null): string;
  /** The command that starts a station console for this sub-district against this hub. */
  stationCommand(stationCode: string): string;
  close(): Promise<void>;
};

export async function startEmbeddedHub(opts: {
  filename: string;
  resourcesDir: string;
  /** Where its port and tokens are kept (the console's data folder); null: new ones each start (in-memory tests). */
  dataDir: string | null;
  clock?: () => number;
  /** Tickets per minute from the demo feed; 0 for none. */
  ticketsPerMinute: number;
  log?: (line: string) => void;
}): Promise<EmbeddedHub> {
  const clock = opts.clock ?? Date.now;
  const identity = opts.dataDir ? await readEmbeddedHubIdentity(opts.dataDir) : { port: null, tokens: generateTokens() };
  const port = identity.port !== null && (await portIsFree(identity.port)) ? identity.port : 0;
  if (identity.port !== null && port === 0) opts.log?.(`embedded hub: port ${identity.port} is taken, a new one (station consoles must be started again with the new command)`);
  // The demo hub shares the console's process: a page cache in proportion to a demo's store (a district's hub runs
  // on its own, with the writer's large cache), so the console's memory does not grow with the demo's store.
  const hub = await startHub({ filename: opts.filename, tokens: identity.tokens, host: '127.0.0.1', port, clock, resourcesDir: opts.resourcesDir, storeCacheKib: EMBEDDED_HUB_CACHE_KIB });
  if (opts.dataDir) await saveEmbeddedHubIdentity(opts.dataDir, { port: hub.port, tokens: identity.tokens });
  if ((await hub.store.count()) === 0) {
    const n = await hub.ingest(await loadDemoTickets(opts.resourcesDir, clock()));
    opts.log?.(`demo hub seeded with ${n} tickets`);
  }
  const feed = opts.ticketsPerMinute > 0 ? startDemoFeed(hub, { ticketsPerMinute: opts.ticketsPerMinute, clock, log: opts.log }) : undefined;
  const tokenFor = (role: 'console' | 'station', stationCode: string | null) => {
    const entry = role === 'station' ? hub.tokens.byRole('station', stationCode) : hub.tokens.byRole('chair');
    if (!entry) throw new Error(`no demo token for ${role} ${stationCode ?? ''}`);
    return entry.token;
  };
  return {
    hub,
    url: hub.url,
    tokenFor,
    stationCommand: (stationCode) => stationCommand({ hubUrl: hub.url, token: tokenFor('station', stationCode), stationCode, dataDir: opts.dataDir ?? '.' }),
    async close() {
      feed?.stop();
      await hub.close();
    },
  };
}
