import type { Store } from '../../../db/open';
import { readSetting, writeSetting } from '../../../db/queries/settings';
import { DEFAULT_WALL_SETTINGS, WallSettings, type DisplayInfo, type LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';

const WALL_KEY = 'wall';
type M = 'settings.wall' | 'settings.setWall' | 'settings.displays';

/** The wall's settings as stored (defaults for anything missing or from an older version). */
export async function readWallSettings(store: Store): Promise<WallSettings> {
  const text = await readSetting(store, WALL_KEY);
  if (text === undefined) return DEFAULT_WALL_SETTINGS;
  try {
    const parsed = WallSettings.safeParse({ ...DEFAULT_WALL_SETTINGS, ...JSON.parse(text) });
    return parsed.success ? parsed.data : DEFAULT_WALL_SETTINGS;
  } catch {
    return DEFAULT_WALL_SETTINGS;
  }
}

export function settingsHandlers(store: Store, clock: () => number, onChanged: (s: WallSettings) => void, displays: () => DisplayInfo[]): { [K in M]: Handler<LiandongContract, K> } {
  return {
    'settings.wall': () => readWallSettings(store),
    'settings.setWall': async (s) => {
      await writeSetting(store, WALL_KEY, JSON.stringify(s), clock());
      onChanged(s);
      return s;
    },
    'settings.displays': () => displays(),
  };
}
