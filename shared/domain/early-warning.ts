/**
 * Early warning (预警): when the same matter — the same category at the same place (a community, or the
 * sub-district when a ticket has no community) — is raised more than `threshold` times within `windowDays`,
 * the wall shows a warning ("凡同一事项诉求超过10件的,及时协调各方会商解决"). Pure rules.
 */
import { z } from 'zod';

/** The rule's limits (the settings screen and the core refuse anything outside them). */
export const WARNING_LIMITS = { threshold: { min: 1, max: 1000 }, windowDays: { min: 1, max: 90 } } as const;

export const WarningRule = z.object({
  /** A warning is raised when the count is MORE than this. */
  threshold: z.number().int().min(WARNING_LIMITS.threshold.min).max(WARNING_LIMITS.threshold.max),
  windowDays: z.number().int().min(WARNING_LIMITS.windowDays.min).max(WARNING_LIMITS.windowDays.max),
});
export type WarningRule = z.infer<typeof WarningRule>;
export const DEFAULT_WARNING_RULE: WarningRule = { threshold: 10, windowDays: 30 };

export const exceedsThreshold = (count: number, rule: WarningRule) => count > rule.threshold;

/** One warning's identity: the matter, and when this console first saw it cross the threshold. */
export const warningId = (category: string, placeCode: string, raisedAt: number) => `${category}:${placeCode}:${raisedAt}`;

const DAY_MS = 86_400_000;
/** Where a matter is: the ticket's community, else its sub-district (as the store counts it). */
export const matterPlace = (t: { subDistrictCode: string; communityCode: string | null }) => t.communityCode ?? t.subDistrictCode;

export type Matter = { category: string; placeCode: string; count: number };
/** The matters above the rule's threshold among these tickets at `now` (the store's check, over a list). */
export function mattersAboveThreshold(tickets: Iterable<{ category: string; subDistrictCode: string; communityCode: string | null; receivedAt: number }>, rule: WarningRule, now: number): Matter[] {
  const since = now - rule.windowDays * DAY_MS;
  const by = new Map<string, Matter>();
  for (const t of tickets) {
    if (t.receivedAt < since) continue;
    const placeCode = matterPlace(t);
    const key = `${t.category}\u0000${placeCode}`;
    const m = by.get(key) ?? { category: t.category, placeCode, count: 0 };
    m.count++;
    by.set(key, m);
  }
  return [...by.values()].filter((m) => exceedsThreshold(m.count, rule));
}
