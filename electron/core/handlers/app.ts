import type { AppInfo, LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';

export function appHandlers(info: Omit<AppInfo, 'now'>, clock: () => number): { 'app.info': Handler<LiandongContract, 'app.info'> } {
  return { 'app.info': () => ({ ...info, now: clock() }) };
}
