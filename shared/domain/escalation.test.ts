import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_RULES, escalationFor, escalationNote, type EscalationFacts } from './escalation';

const facts = (over: Partial<EscalationFacts>): EscalationFacts => ({ whistleLevel: 'routine', overdue: false, returnCount: 0, inWarning: false, cross: false, ...over });

describe('automatic escalation (升哨)', () => {
  it('raises by the default rules: overdue → 重点哨, two returns or 三跨 → 疑难哨', () => {
    expect(escalationFor(facts({}), DEFAULT_ESCALATION_RULES)).toBeNull();
    expect(escalationFor(facts({ overdue: true }), DEFAULT_ESCALATION_RULES)).toEqual({ to: 'key', reasons: ['overdue'] });
    expect(escalationFor(facts({ returnCount: 1 }), DEFAULT_ESCALATION_RULES)).toBeNull();
    expect(escalationFor(facts({ returnCount: 2, overdue: true }), DEFAULT_ESCALATION_RULES)).toEqual({ to: 'difficult', reasons: ['returnedTwice'] });
    expect(escalationFor(facts({ cross: true, returnCount: 3 }), DEFAULT_ESCALATION_RULES)).toEqual({ to: 'difficult', reasons: ['returnedTwice', 'cross'] });
  });

  it('never lowers and leaves a ticket already at the level', () => {
    expect(escalationFor(facts({ whistleLevel: 'key', overdue: true, inWarning: true }), DEFAULT_ESCALATION_RULES)).toBeNull();
    expect(escalationFor(facts({ whistleLevel: 'difficult', cross: true }), DEFAULT_ESCALATION_RULES)).toBeNull();
    expect(escalationFor(facts({ whistleLevel: 'key', cross: true }), DEFAULT_ESCALATION_RULES)).toEqual({ to: 'difficult', reasons: ['cross'] });
  });

  it('follows the configured rules: a rule turned off, another level', () => {
    const rules = { ...DEFAULT_ESCALATION_RULES, cross: { enabled: false, to: 'difficult' as const }, overdue: { enabled: true, to: 'difficult' as const } };
    expect(escalationFor(facts({ cross: true }), rules)).toBeNull();
    expect(escalationFor(facts({ overdue: true, inWarning: true }), rules)).toEqual({ to: 'difficult', reasons: ['overdue'] });
    expect(escalationNote(['overdue', 'cross'])).toBe('自动升哨：超期、三跨');
  });
});
