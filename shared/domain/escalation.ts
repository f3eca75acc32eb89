/**
 * 升哨: when a ticket's whistle level should rise by itself. Each rule names a condition and the level it
 * raises to; a ticket already at or above that level is left alone. Pure: the ticket's facts and the rules
 * in, the level to raise to and why out. (Manual escalation, with its reason, is an action: hub-protocol.ts.)
 */
import { z } from 'zod';
import { WHISTLE_LEVELS, type WhistleLevel } from './ticket';

export const ESCALATION_REASONS = ['overdue', 'returnedTwice', 'warning', 'cross'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

const Rule = z.object({ enabled: z.boolean(), to: z.enum(['key', 'difficult']) });
export const EscalationRules = z.object({
  /** Past its deadline and not resolved. */
  overdue: Rule,
  /** Returned (退单) twice or more. */
  returnedTwice: Rule,
  /** The latest ticket of a matter under an early warning. */
  warning: Rule,
  /** Any of 三跨 (region, level, department). */
  cross: Rule,
});
export type EscalationRules = z.infer<typeof EscalationRules>;

export const DEFAULT_ESCALATION_RULES: EscalationRules = {
  overdue: { enabled: true, to: 'key' },
  returnedTwice: { enabled: true, to: 'difficult' },
  warning: { enabled: true, to: 'key' },
  cross: { enabled: true, to: 'difficult' },
};

export type EscalationFacts = { whistleLevel: WhistleLevel; overdue: boolean; returnCount: number; inWarning: boolean; cross: boolean };

const rank = (w: WhistleLevel) => WHISTLE_LEVELS.indexOf(w);

/** The level the rules raise this ticket to, with every reason that reaches it; null when none applies. */
export function escalationFor(f: EscalationFacts, rules: EscalationRules): { to: WhistleLevel; reasons: EscalationReason[] } | null {
  const holds: Record<EscalationReason, boolean> = { overdue: f.overdue, returnedTwice: f.returnCount >= 2, warning: f.inWarning, cross: f.cross };
  const firing = ESCALATION_REASONS.filter((r) => rules[r].enabled && holds[r] && rank(rules[r].to) > rank(f.whistleLevel));
  if (!firing.length) return null;
  const to = firing.map((r) => rules[r].to).reduce((a, b) => (rank(b) > rank(a) ? b : a));
  return { to, reasons: firing.filter((r) => rules[r].to === to) };
}

/**
 * What a change (of the rules, or of which matters are under a warning) does to one ticket: the escalation the
 * rules give it after the change when that is higher than before; null when the change leaves it as it was.
 */
export function escalationByChange(before: { facts: EscalationFacts; rules: EscalationRules }, after: { facts: EscalationFacts; rules: EscalationRules }): { to: WhistleLevel; reasons: EscalationReason[] } | null {
  const next = escalationFor(after.facts, after.rules);
  if (!next) return null;
  const now = escalationFor(before.facts, before.rules);
  return now && rank(now.to) >= rank(next.to) ? null : next;
}

const LEVEL_BY_NAME: Record<string, WhistleLevel> = { 常规哨: 'routine', 重点哨: 'key', 疑难哨: 'difficult' };
/** An automatic escalation's timeline step at the hub ("常规哨→重点哨：自动升哨：预警事项"): the levels from and to. */
export function autoEscalationStep(note: string): { from: WhistleLevel; to: WhistleLevel } | null {
  const m = /^(常规哨|重点哨|疑难哨)→(常规哨|重点哨|疑难哨)：自动升哨/.exec(note);
  return m ? { from: LEVEL_BY_NAME[m[1]!]!, to: LEVEL_BY_NAME[m[2]!]! } : null;
}
/** The reason on the step that takes an automatic escalation back. */
export const UNDO_ESCALATION_NOTE = '撤销自动升哨：规则已恢复';

const REASON_TEXT: Record<EscalationReason, string> = { overdue: '超期', returnedTwice: '两次以上退单', warning: '预警事项', cross: '三跨' };
/** The timeline note of an automatic escalation: "自动升哨：超期、三跨". */
export const escalationNote = (reasons: readonly EscalationReason[]) => `自动升哨：${reasons.map((r) => REASON_TEXT[r]).join('、')}`;
