/** Settings area of the contract: the wall's own settings, kept in this console's store. */
import { z } from 'zod';
import { DEFAULT_WARNING_RULE, WARNING_LIMITS, WarningRule } from '../domain/early-warning';
import { DEFAULT_ESCALATION_RULES, ESCALATION_REASONS, EscalationRules } from '../domain/escalation';
import { WhistleLevel } from '../domain/ticket';

export const WALL_VIEWS = ['overview', 'kpi'] as const;
export const WallView = z.enum(WALL_VIEWS);
export type WallView = z.infer<typeof WallView>;

/** The numbers a duty head sets, each a whole number within its limits (the screen says them; the core refuses the rest). */
export const SETTING_LIMITS = {
  playlistEvery: { min: 10, max: 3600 },
  softReloadHours: { min: 0, max: 168 },
  warningThreshold: WARNING_LIMITS.threshold,
  warningWindowDays: WARNING_LIMITS.windowDays,
} as const;
export type SettingField = keyof typeof SETTING_LIMITS;
export const SETTING_FIELDS = Object.keys(SETTING_LIMITS) as SettingField[];

/** Whether a value may be set: a whole number within the field's limits. */
export const settingAllowed = (field: SettingField, value: number): boolean =>
  Number.isInteger(value) && value >= SETTING_LIMITS[field].min && value <= SETTING_LIMITS[field].max;

const limited = (field: SettingField) => z.number().int().min(SETTING_LIMITS[field].min).max(SETTING_LIMITS[field].max);

export const WallSettings = z.object({
  /** Rotate the wall's views. */
  playlist: z.object({
    enabled: z.boolean(),
    everySec: limited('playlistEvery'),
    views: z.array(WallView).min(1).max(WALL_VIEWS.length),
  }),
  /** Reload the screen every N hours for week-long uptime (0: never). */
  softReloadHours: limited('softReloadHours'),
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

/** The limited numbers of a settings record, by field. */
export const settingValues = (s: { playlist: { everySec: number }; softReloadHours: number; warningRule: { threshold: number; windowDays: number } }): Record<SettingField, number> => ({
  playlistEvery: s.playlist.everySec,
  softReloadHours: s.softReloadHours,
  warningThreshold: s.warningRule.threshold,
  warningWindowDays: s.warningRule.windowDays,
});

/**
 * What settings.setWall takes: the settings' shape with any number in the limited fields, so that a value
 * outside its limits reaches the core and is refused there as 'invalidSetting' naming its field (not as a
 * schema path).
 */
const anyNumber = z.number();
export const WallSettingsInput = WallSettings.extend({
  playlist: WallSettings.shape.playlist.extend({ everySec: anyNumber }),
  softReloadHours: anyNumber,
  warningRule: z.object({ threshold: anyNumber, windowDays: anyNumber }),
});
export type WallSettingsInput = z.infer<typeof WallSettingsInput>;

/** What a change of the warning rule or the escalation rules would do to tickets now (nothing is changed). */
export const SettingsPreview = z.object({
  /** Matters that would newly be under a warning (the first 50), and how many in all. */
  warningsRaised: z.array(z.object({ category: z.string(), placeCode: z.string(), placeName: z.string(), count: z.number().int() })).max(50),
  warningsRaisedTotal: z.number().int().nonnegative(),
  /** Warnings on screen now that would be cleared. */
  warningsCleared: z.number().int().nonnegative(),
  /** Open tickets the console would escalate by rule that it would not have before (the first 50), and how many. */
  escalations: z.array(z.object({ ticketNo: z.string(), summary: z.string(), from: WhistleLevel, to: WhistleLevel, reasons: z.array(z.enum(ESCALATION_REASONS)) })).max(50),
  escalationsTotal: z.number().int().nonnegative(),
});
export type SettingsPreview = z.infer<typeof SettingsPreview>;

/** The last change of the warning rule or the escalation rules, while it can be taken back. */
export const RuleChange = z.object({
  at: z.number().int(),
  /** Tickets escalated by rule since (at the hub, or waiting in the outbox) that 撤销 would lower again. */
  autoEscalations: z.number().int().nonnegative(),
});
export type RuleChange = z.infer<typeof RuleChange>;

export const DisplayInfo = z.object({ id: z.number().int(), label: z.string(), primary: z.boolean(), width: z.number(), height: z.number() });
export type DisplayInfo = z.infer<typeof DisplayInfo>;

export const settingsMethods = {
  'settings.wall': { input: z.object({}).strict(), output: WallSettings },
  /** Refuses a number outside its limits as 'invalidSetting' with the field (SETTING_LIMITS). */
  'settings.setWall': { input: WallSettingsInput, output: WallSettings },
  /** What these settings would do to tickets if applied now: warnings raised or cleared, tickets escalated. */
  'settings.preview': { input: WallSettingsInput, output: SettingsPreview },
  /** Displays the wall can open on (empty in a browser: the web host has none to offer). */
  /** The last change of the warning or escalation rules, if it can still be taken back (null: none). */
  'settings.ruleChange': { input: z.object({}).strict(), output: RuleChange.nullable() },
  /** Take it back: the rules as they were before it, and every ticket escalated by rule since lowered again. */
  'settings.undoRuleChange': { input: z.object({}).strict(), output: z.object({ settings: WallSettings, lowered: z.number().int().nonnegative() }) },
  'settings.displays': { input: z.object({}).strict(), output: z.array(DisplayInfo) },
};

export const settingsEvents = {
  'settings.wallChanged': WallSettings,
};
