/**
 * 分派规则 (solve a class, not a case): a rule says which department leads tickets of one category, at one
 * place (a community, a sub-district, or anywhere), optionally only when the request mentions certain words.
 * Pure: which rule a ticket matches, and which of several is the most specific.
 */
import { z } from 'zod';

export const RoutingRuleInput = z.object({
  category: z.string().trim().min(1).max(64),
  /** Any one of these in the summary or address; empty: every ticket of the category there. */
  keywords: z.array(z.string().trim().min(1).max(40)).max(10),
  subDistrictCode: z.string().regex(/^\d{9}$/).nullable(),
  communityCode: z.string().regex(/^\d{12}$/).nullable(),
  leadDepartment: z.string().trim().min(1).max(100),
  /** The ticket whose decision it came from, if any. */
  fromTicketNo: z.string().max(64).nullable(),
});
export type RoutingRuleInput = z.infer<typeof RoutingRuleInput>;
export const RoutingRule = RoutingRuleInput.extend({ id: z.string(), createdAt: z.number().int(), updatedAt: z.number().int() });
export type RoutingRule = z.infer<typeof RoutingRule>;

export type RoutableTicket = { category: string; subDistrictCode: string; communityCode: string | null; summary: string; address: string };

/** How specific a rule is for this ticket, or -1 when it does not match. */
export function ruleScore(rule: RoutingRuleInput, t: RoutableTicket): number {
  if (rule.category !== t.category) return -1;
  if (rule.communityCode !== null && rule.communityCode !== t.communityCode) return -1;
  if (rule.subDistrictCode !== null && rule.subDistrictCode !== t.subDistrictCode) return -1;
  const text = `${t.summary} ${t.address}`;
  const hits = rule.keywords.filter((k) => text.includes(k)).length;
  if (rule.keywords.length > 0 && hits === 0) return -1;
  return (rule.communityCode !== null ? 20 : rule.subDistrictCode !== null ? 10 : 0) + hits;
}

/** The most specific matching rule (the newest among equals). */
export function matchRule<R extends RoutingRuleInput & { updatedAt: number }>(rules: readonly R[], t: RoutableTicket): R | undefined {
  let best: R | undefined;
  let bestScore = -1;
  for (const r of rules) {
    const s = ruleScore(r, t);
    if (s > bestScore || (s === bestScore && s >= 0 && best && r.updatedAt > best.updatedAt)) {
      best = r;
      bestScore = s;
    }
  }
  return bestScore >= 0 ? best : undefined;
}
