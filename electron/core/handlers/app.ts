import { stat } from 'node:fs/promises';
import type { AppInfo, LiandongContract } from '../../../shared/contract';
import { DIVISIONS } from '../../../shared/domain/divisions';
import type { Handler } from '../../../shared/rpc/define';
import type { EmbeddedHub } from '../embedded-hub';

type H<M extends 'app.info' | 'app.embeddedHub' | 'app.health'> = Handler<LiandongContract, M>;

/** The store's files' sizes (0 when absent or in memory). */
async function sizeOf(file: string | null): Promise<number> {
  if (!file) return 0;
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** `embedded`: the embedded hub station consoles on this PC may use (only a command centre's console has one to offer). */
export function appHandlers(
  info: Omit<AppInfo, 'now' | 'access'>,
  clock: () => number,
  health: { startedAt: number; storeFile: string | null; peers: () => number },
  embedded?: Pick<EmbeddedHub, 'url' | 'stationCommand'>,
): { 'app.info': H<'app.info'>; 'app.embeddedHub': H<'app.embeddedHub'>; 'app.health': H<'app.health'> } {
  return {
    'app.health': async () => {
      const m = process.memoryUsage();
      return {
        uptimeMs: Math.max(0, Math.round(clock() - health.startedAt)),
        rssBytes: m.rss,
        heapUsedBytes: m.heapUsed,
        externalBytes: m.external,
        storeBytes: await sizeOf(health.storeFile),
        walBytes: await sizeOf(health.storeFile && `${health.storeFile}-wal`),
        peers: health.peers(),
      };
    },
    'app.info': (_input, ctx) => ({ ...info, now: clock(), access: ctx.access ?? 'wall' }),
    'app.embeddedHub': () => (embedded ? { url: embedded.url, stations: DIVISIONS.subDistricts.map((s) => ({ stationCode: s.code, command: embedded.stationCommand(s.code) })) } : null),
  };
}
