/**
 * Early warning (预警): when the same matter — the same category at the same place (a community, or the
 * sub-district when a ticket has no community) — is raised more than `threshold` times within `windowDays`,
 * the wall shows a warning ("凡同一事项诉求超过10件的,及时协调各方会商解决"). Pure rules.
 */
import { z } from 'zod';

export const WarningRule = z.object({
  /** A warning is raised when the count is MORE than this. */
  threshold: z.number().int().min(1).max(1000),
  windowDays: z.number().int().min(1).max(90),
});
export type WarningRule = z.infer<typeof WarningRule>;
export const DEFAULT_WARNING_RULE: WarningRule = { threshold: 10, windowDays: 30 };

export const exceedsThreshold = (count: number, rule: WarningRule) => count > rule.threshold;

/** One warning's identity: the matter, and when this console first saw it cross the threshold. */
export const warningId = (category: string, placeCode: string, raisedAt: number) => `${category}:${placeCode}:${raisedAt}`;
