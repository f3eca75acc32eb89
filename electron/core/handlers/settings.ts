import type { Store, StoreReader } from '../../../db/open';
import { readSetting, writeSetting } from '../../../db/queries/settings';
import { DEFAULT_WALL_SETTINGS, SETTING_FIELDS, SETTING_LIMITS, WallSettings, settingAllowed, settingValues, type DisplayInfo, type LiandongContract, type SettingsPreview, type WallSettingsInput } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import { RpcError } from '../../../shared/rpc/errors';
import type { Outbox } from '../sync/outbox';
import { noteRuleChange, readRuleChange, undoRuleChange } from '../rule-change';

const WALL_KEY = 'wall';
type M = 'settings.wall' | 'settings.setWall' | 'settings.preview' | 'settings.ruleChange' | 'settings.undoRuleChange' | 'settings.displays';

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

/** Settings within their limits, or an 'invalidSetting' error naming the first field that is not. */
export function checkedSettings(input: WallSettingsInput): WallSettings {
  const values = settingValues(input);
  for (const f of SETTING_FIELDS) {
    if (!settingAllowed(f, values[f])) throw new RpcError('invalidSetting', `${f}: ${values[f]} is not a whole number from ${SETTING_LIMITS[f].min} to ${SETTING_LIMITS[f].max}`, { field: f, params: { min: SETTING_LIMITS[f].min, max: SETTING_LIMITS[f].max } });
  }
  return WallSettings.parse(input);
}

export function settingsHandlers(
  store: Store,
  clock: () => number,
  onChanged: (s: WallSettings) => void,
  displays: () => DisplayInfo[],
  preview: (current: WallSettings, next: WallSettings) => Promise<SettingsPreview>,
  outbox: Pick<Outbox, 'submit'>,
  /** Where the long reads go (the matters under a warning), so the sync's writer never waits for them. */
  reader?: StoreReader,
): { [K in M]: Handler<LiandongContract, K> } {
  const apply = async (s: WallSettings) => {
    await writeSetting(store, WALL_KEY, JSON.stringify(s), clock());
    onChanged(s);
    return s;
  };
  return {
    'settings.wall': () => readWallSettings(store),
    'settings.setWall': async (input) => {
      const s = checkedSettings(input);
      const before = await readWallSettings(store);
      await writeSetting(store, WALL_KEY, JSON.stringify(s), clock());
      // Kept before the screens hear of the change, so they can offer 撤销 at once.
      await noteRuleChange(store, before, s, clock());
      onChanged(s);
      return s;
    },
    'settings.preview': async (input) => preview(await readWallSettings(store), checkedSettings(input)),
    'settings.ruleChange': () => readRuleChange(store, clock(), reader),
    'settings.undoRuleChange': async () => undoRuleChange({ store, reader, now: clock(), outbox, apply }, await readWallSettings(store)),
    'settings.displays': () => displays(),
  };
}
