/**
 * With no hub configured the console starts the reference hub in-process, on loopback, seeded with the
 * demo history and running the demo feed — and then syncs from it exactly as from a real hub.
 */
import { generateTokens } from '../../hub/auth';
import { loadDemoTickets } from '../../hub/demo/demo-file';
import { startDemoFeed } from '../../hub/demo/demo-feed';
import { startHub, type Hub } from '../../hub/hub-server';

export type EmbeddedHub = { hub: Hub; url: string; tokenFor(role: 'console' | 'station', stationCode: string | null): string; close(): Promise<void> };

export async function startEmbeddedHub(opts: {
  filename: string;
  resourcesDir: string;
  clock?: () => number;
  /** Tickets per minute from the demo feed; 0 for none. */
  ticketsPerMinute: number;
  log?: (line: string) => void;
}): Promise<EmbeddedHub> {
  const clock = opts.clock ?? Date.now;
  const hub = await startHub({ filename: opts.filename, tokens: generateTokens(), clock });
  if ((await hub.store.count()) === 0) {
    const n = await hub.ingest(await loadDemoTickets(opts.resourcesDir, clock()));
    opts.log?.(`demo hub seeded with ${n} tickets`);
  }
  const feed = opts.ticketsPerMinute > 0 ? startDemoFeed(hub, { ticketsPerMinute: opts.ticketsPerMinute, clock, log: opts.log }) : undefined;
  return {
    hub,
    url: hub.url,
    tokenFor(role, stationCode) {
      const entry = role === 'station' ? hub.tokens.byRole('station', stationCode) : hub.tokens.byRole('chair');
      if (!entry) throw new Error(`no demo token for ${role} ${stationCode ?? ''}`);
      return entry.token;
    },
    async close() {
      feed?.stop();
      await hub.close();
    },
  };
}
