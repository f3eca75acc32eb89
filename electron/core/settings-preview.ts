/**
 * What new settings would do to tickets, before they are applied: the matters the warning rule would put
 * under a warning (and the warnings it would clear), and the open tickets the escalation rules would then
 * raise that they do not raise now — counted in the store the same way the warning check counts
 * (mattersAbove) and judged by the same pure rule the escalation check applies (escalation.ts). Reads only.
 */
import type { Store, StoreReader } from '../../db/open';
import { escalationCandidates, openTicketFacts, ticketSummaries, type EscalationCandidate } from '../../db/queries/escalation';
import { listWarnings, mattersAbove } from '../../db/queries/warnings';
import type { SettingsPreview, WallSettings } from '../../shared/contract';
import { placeName } from '../../shared/domain/divisions';
import { escalationByChange, type EscalationFacts } from '../../shared/domain/escalation';
import type { WhistleLevel } from '../../shared/domain/ticket';

const DAY_MS = 86_400_000;
const SHOWN = 50;
/** As many candidates as the escalation check looks at. */
const CANDIDATES = 2000;

const matterKey = (category: string, place: string) => `${category}\u0000${place}`;

export async function previewSettings(o: { store: Store; reader?: StoreReader; now: number; current: WallSettings; next: WallSettings }): Promise<SettingsPreview> {
  const db = o.reader ?? o.store;
  const rule = o.next.warningRule;
  const active = await listWarnings(o.store, { includeCleared: false, limit: 1_000_000 });
  const matters = await mattersAbove(db, o.now - rule.windowDays * DAY_MS, rule.threshold);
  const activeKeys = new Set(active.map((w) => matterKey(w.category, w.place_code)));
  const matterKeys = new Set(matters.map((m) => matterKey(m.category, m.placeCode)));
  const raised = matters.filter((m) => !activeKeys.has(matterKey(m.category, m.placeCode))).sort((a, b) => b.count - a.count);
  const cleared = active.filter((w) => !matterKeys.has(matterKey(w.category, w.place_code))).length;

  // The latest ticket of each matter under a warning is what the 'warning' rule escalates: now, and after.
  const warnedNow = new Set(active.map((w) => w.latest_ticket_no));
  const warnedNext = new Set(matters.map((m) => m.latestTicketNo));
  const candidates = await escalationCandidates(db, o.now, CANDIDATES);
  const seen = new Set(candidates.map((c) => c.ticket_no));
  const more = await openTicketFacts(db, [...warnedNext].filter((no) => !seen.has(no)));
  const facts = (r: EscalationCandidate, warned: Set<string>): EscalationFacts => ({ whistleLevel: r.whistle_level as WhistleLevel, overdue: r.deadline_at < o.now, returnCount: r.return_count, inWarning: warned.has(r.ticket_no), cross: Boolean(r.cross) });
  const escalations = [...candidates, ...more].flatMap((r) => {
    const up = escalationByChange({ facts: facts(r, warnedNow), rules: o.current.escalationRules }, { facts: facts(r, warnedNext), rules: o.next.escalationRules });
    return up ? [{ ticketNo: r.ticket_no, from: r.whistle_level as WhistleLevel, to: up.to, reasons: up.reasons }] : [];
  });
  const summaries = await ticketSummaries(db, escalations.slice(0, SHOWN).map((e) => e.ticketNo));
  return {
    warningsRaised: raised.slice(0, SHOWN).map((m) => ({ category: m.category, placeCode: m.placeCode, placeName: placeName(m.placeCode), count: m.count })),
    warningsRaisedTotal: raised.length,
    warningsCleared: cleared,
    escalations: escalations.slice(0, SHOWN).map((e) => ({ ...e, summary: summaries.get(e.ticketNo) ?? '' })),
    escalationsTotal: escalations.length,
  };
}
