import type { AppInfo, LiandongContract } from '../../../shared/contract';
import { DIVISIONS } from '../../../shared/domain/divisions';
import type { Handler } from '../../../shared/rpc/define';
import type { EmbeddedHub } from '../embedded-hub';

type H<M extends 'app.info' | 'app.embeddedHub'> = Handler<LiandongContract, M>;

/** `embedded`: the embedded hub station consoles on this PC may use (only a command centre's console has one to offer). */
export function appHandlers(info: Omit<AppInfo, 'now' | 'access'>, clock: () => number, embedded?: Pick<EmbeddedHub, 'url' | 'stationCommand'>): { 'app.info': H<'app.info'>; 'app.embeddedHub': H<'app.embeddedHub'> } {
  return {
    'app.info': (_input, ctx) => ({ ...info, now: clock(), access: ctx.access ?? 'wall' }),
    'app.embeddedHub': () => (embedded ? { url: embedded.url, stations: DIVISIONS.subDistricts.map((s) => ({ stationCode: s.code, command: embedded.stationCommand(s.code) })) } : null),
  };
}
