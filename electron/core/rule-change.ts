/**
 * A way back from a change of the warning rule or the escalation rules: the console keeps the rules as they
 * were before the last such change, and 撤销 puts them back and lowers again every ticket the console
 * escalated by rule since — those the hub has (an 自动升哨 step after the change, still at that level) and
 * those still waiting in the outbox (lowered after they are delivered: the outbox keeps order). Each lowering
 * is a chair's 'escalate' action with its reason, in the ticket's timeline at the hub.
 */
import { sql } from 'kysely';
import type { Store } from '../../db/open';
import { deleteSetting, readSetting, writeSetting } from '../../db/queries/settings';
import { WallSettings } from '../../shared/contract';
import { autoEscalationStep, escalationFor, UNDO_ESCALATION_NOTE } from '../../shared/domain/escalation';
import { openTicketFacts } from '../../db/queries/escalation';
import { mattersAbove } from '../../db/queries/warnings';
import { WHISTLE_LEVELS, type WhistleLevel } from '../../shared/domain/ticket';
import { RpcError } from '../../shared/rpc/errors';
import type { Outbox } from './sync/outbox';

const KEY = 'wall.ruleChange';
type Kept = { at: number; before: Pick<WallSettings, 'warningRule' | 'escalationRules'> };
/** Lower `ticketNo` from `from` (its level once what waits in the outbox is delivered) back `to`. */
type Lowering = { ticketNo: string; from: WhistleLevel; to: WhistleLevel };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** After settings are written: keep the rules as they were, when this write changed them. */
export async function noteRuleChange(store: Store, before: WallSettings, after: WallSettings, at: number): Promise<void> {
  if (same(before.warningRule, after.warningRule) && same(before.escalationRules, after.escalationRules)) return;
  const kept: Kept = { at, before: { warningRule: before.warningRule, escalationRules: before.escalationRules } };
  await writeSetting(store, KEY, JSON.stringify(kept), at);
}

async function readKept(store: Store): Promise<Kept | null> {
  const text = await readSetting(store, KEY);
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Kept;
    const rules = WallSettings.pick({ warningRule: true, escalationRules: true }).safeParse(v.before);
    return Number.isInteger(v.at) && rules.success ? { at: v.at, before: rules.data } : null;
  } catch {
    return null;
  }
}

/** What 撤销 would lower: tickets escalated by rule since `at`, at the hub or waiting in the outbox. */
async function lowerings(store: Store, at: number): Promise<Lowering[]> {
  const steps = await sql<{ ticket_no: string; whistle_level: string; note: string }>`
    select t.ticket_no, t.whistle_level, json_extract(j.value, '$.note') as note
    from tickets t, json_each(t.timeline) j
    where t.updated_at >= ${at} and json_extract(j.value, '$.kind') = 'escalated' and json_extract(j.value, '$.at') >= ${at}
    order by json_extract(j.value, '$.at')`.execute(store);
  // Per ticket, its run of automatic steps since the change: the level before the first, the level after the last.
  const runs = new Map<string, { before: WhistleLevel; after: WhistleLevel; now: string }>();
  for (const s of steps.rows) {
    const step = autoEscalationStep(s.note);
    if (!step) {
      runs.delete(s.ticket_no); // lowered or raised by hand since: leave it to whoever did that
      continue;
    }
    runs.set(s.ticket_no, { before: runs.get(s.ticket_no)?.before ?? step.from, after: step.to, now: s.whistle_level });
  }
  const out = new Map<string, Lowering>();
  for (const [ticketNo, r] of runs) if (r.now === r.after) out.set(ticketNo, { ticketNo, from: r.after, to: r.before });
  const queued = await store
    .selectFrom('outbox as o')
    .innerJoin('tickets as t', 't.ticket_no', 'o.ticket_no')
    .select(['o.ticket_no', 'o.payload', 't.whistle_level'])
    .where('o.kind', '=', 'escalate')
    .where('o.state', '=', 'pending')
    .where('o.created_at', '>=', at)
    .execute();
  for (const q of queued) {
    const action = JSON.parse(q.payload) as { reason?: string; to?: WhistleLevel };
    if (!q.ticket_no || !action.to || !(action.reason ?? '').startsWith('自动升哨')) continue;
    const first = out.get(q.ticket_no);
    out.set(q.ticket_no, { ticketNo: q.ticket_no, from: action.to, to: first?.to ?? (q.whistle_level as WhistleLevel) });
  }
  return [...out.values()];
}

/** Lower only as far as the restored rules allow (the next check would raise them again), and leave out the rest. */
async function stillToLower(store: Store, todo: Lowering[], rules: Kept['before'], now: number): Promise<Lowering[]> {
  if (!todo.length) return todo;
  const warned = new Set((await mattersAbove(store, now - rules.warningRule.windowDays * 86_400_000, rules.warningRule.threshold)).map((m) => m.latestTicketNo));
  const facts = new Map((await openTicketFacts(store, todo.map((l) => l.ticketNo), { belowDifficult: false })).map((r) => [r.ticket_no, r]));
  return todo.flatMap((l) => {
    const r = facts.get(l.ticketNo);
    if (!r) return [l];
    // Down to where the restored rules put it: the level before the change, or what they raise it to.
    const again = escalationFor({ whistleLevel: l.to, overdue: r.deadline_at < now, returnCount: r.return_count, inWarning: warned.has(l.ticketNo), cross: Boolean(r.cross) }, rules.escalationRules);
    const to = again?.to ?? l.to;
    return WHISTLE_LEVELS.indexOf(to) >= WHISTLE_LEVELS.indexOf(l.from) ? [] : [{ ...l, to }];
  });
}

export async function readRuleChange(store: Store, now: number): Promise<{ at: number; autoEscalations: number } | null> {
  const kept = await readKept(store);
  return kept ? { at: kept.at, autoEscalations: (await stillToLower(store, await lowerings(store, kept.at), kept.before, now)).length } : null;
}

/** 撤销: the rules as they were (through `apply`, which stores and announces them), then the lowerings. */
export async function undoRuleChange(o: { store: Store; now: number; outbox: Pick<Outbox, 'submit'>; apply: (s: WallSettings) => Promise<WallSettings> }, current: WallSettings): Promise<{ settings: WallSettings; lowered: number }> {
  const kept = await readKept(o.store);
  if (!kept) throw new RpcError('notFound', '没有可撤销的规则更改 (no rule change to take back)');
  const todo = await stillToLower(o.store, await lowerings(o.store, kept.at), kept.before, o.now);
  const settings = await o.apply({ ...current, ...kept.before });
  await deleteSetting(o.store, KEY);
  for (const l of todo) await o.outbox.submit({ kind: 'escalate', ticketNo: l.ticketNo, to: l.to, reason: UNDO_ESCALATION_NOTE });
  return { settings, lowered: todo.length };
}
