/** Settings area of the contract: the wall's own settings, kept in this console's store. */
import { z } from 'zod';
import { DEFAULT_WARNING_RULE, WarningRule } from '../domain/early-warning';
import { DEFAULT_ESCALATION_RULES, EscalationRules } from '../domain/escalation';

export const WALL_VIEWS = ['overview', 'kpi'] as const;
export const WallView = z.enum(WALL_VIEWS);
export type WallView = z.infer<typeof WallView>;

export const WallSettings = z.object({
  /** Rotate the wall's views. */
  playlist: z.object({
    enabled: z.boolean(),
    everySec: z.number().int().min(10).max(3600),
    views: z.array(WallView).min(1).max(WALL_VIEWS.length),
  }),
  /** Reload the screen every N hours for week-long uptime (0: never). */
  softReloadHours: z.number().int().min(0).max(168),
  /** The display the wall window opens on, full screen (Electron; null: the primary display). */
  displayId: z.number().int().nullable(),
  /** Early warning: more than `threshold` tickets of one category at one place within `windowDays`. */
  warningRule: WarningRule,
  /** 自动升哨 (the command centre's console applies them). */
  escalationRules: EscalationRules,
});
export type WallSettings = z.infer<typeof WallSettings>;

export const DEFAULT_WALL_SETTINGS: WallSettings = {
  playlist: { enabled: false, everySec: 60, views: ['overview', 'kpi'] },
  softReloadHours: 0,
  displayId: null,
  warningRule: DEFAULT_WARNING_RULE,
  escalationRules: DEFAULT_ESCALATION_RULES,
};

export const DisplayInfo = z.object({ id: z.number().int(), label: z.string(), primary: z.boolean(), width: z.number(), height: z.number() });
export type DisplayInfo = z.infer<typeof DisplayInfo>;

export const settingsMethods = {
  'settings.wall': { input: z.object({}).strict(), output: WallSettings },
  'settings.setWall': { input: WallSettings, output: WallSettings },
  /** Displays the wall can open on (empty in a browser: the web host has none to offer). */
  'settings.displays': { input: z.object({}).strict(), output: z.array(DisplayInfo) },
};

export const settingsEvents = {
  'settings.wallChanged': WallSettings,
};
