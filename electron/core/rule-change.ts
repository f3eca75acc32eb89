/**
 * A way back from a change of the warning rule or the escalation rules: the console keeps the rules as they
 * were before the last such change, and 撤销 puts them back and lowers again every ticket the console
 * escalated by rule since — those the hub has applied and those still waiting in the outbox (lowered after
 * they are delivered: the outbox keeps order). Each lowering
 * is a chair's 'escalate' action with its reason, in the ticket's timeline at the hub.
 */
import type { Store, StoreReader } from '../../db/open';
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

/**
 * What 撤销 would lower: the tickets this console escalated by rule since `at` — found through its own outbox
 * (small, and every automatic escalation went through it), then each ticket's timeline read by its number.
 * Per ticket: back to the level before its first automatic step since `at`, from the level after its last
 * (or after what still waits in the outbox, or was delivered and has not come back yet).
 */
async function lowerings(store: Store, at: number): Promise<Lowering[]> {
  const sent = await store
    .selectFrom('outbox')
    .select(['ticket_no', 'payload', 'state'])
    .where('kind', '=', 'escalate')
    .where('created_at', '>=', at)
    .where('state', 'in', ['pending', 'delivered'])
    .orderBy('created_at')
    .execute();
  const auto = new Map<string, { to: WhistleLevel; state: string }>();
  for (const row of sent) {
    const action = JSON.parse(row.payload) as { reason?: string; to?: WhistleLevel };
    if (row.ticket_no && action.to && (action.reason ?? '').startsWith('自动升哨')) auto.set(row.ticket_no, { to: action.to, state: row.state });
  }
  const nos = [...auto.keys()];
  const out: Lowering[] = [];
  for (let i = 0; i < nos.length; i += 500) {
    const rows = await store.selectFrom('tickets').select(['ticket_no', 'whistle_level', 'timeline']).where('ticket_no', 'in', nos.slice(i, i + 500)).execute();
    for (const t of rows) {
      const last = auto.get(t.ticket_no)!;
      // Its run of automatic steps since the change, as the hub recorded them; a step by hand since ends it.
      let run = null as { before: WhistleLevel; after: WhistleLevel } | null;
      let byHand = false;
      for (const e of JSON.parse(t.timeline) as { at: number; kind: string; note: string }[]) {
        if (e.kind !== 'escalated' || e.at < at) continue;
        const step = autoEscalationStep(e.note);
        if (!step) {
          run = null;
          byHand = true;
          continue;
        }
        byHand = false;
        run = { before: run?.before ?? step.from, after: step.to };
      }
      if (byHand) continue; // lowered or raised by hand since: leave it to whoever did that
      const current = t.whistle_level as WhistleLevel;
      if (run && current === run.after && (last.state === 'delivered' || last.to === current)) out.push({ ticketNo: t.ticket_no, from: run.after, to: run.before });
      // Still to be delivered, or delivered and not back yet: it will be at the action's level.
      else if (last.to !== current) out.push({ ticketNo: t.ticket_no, from: last.to, to: run?.before ?? current });
    }
  }
  return out;
}

/** Lower only as far as the restored rules allow (the next check would raise them again), and leave out the rest. */
async function stillToLower(store: Store, todo: Lowering[], rules: Kept['before'], now: number, reader?: StoreReader): Promise<Lowering[]> {
  if (!todo.length) return todo;
  const warned = new Set((await mattersAbove(reader ?? store, now - rules.warningRule.windowDays * 86_400_000, rules.warningRule.threshold)).map((m) => m.latestTicketNo));
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

export async function readRuleChange(store: Store, now: number, reader?: StoreReader): Promise<{ at: number; autoEscalations: number } | null> {
  const kept = await readKept(store);
  return kept ? { at: kept.at, autoEscalations: (await stillToLower(store, await lowerings(store, kept.at), kept.before, now, reader)).length } : null;
}

/** 撤销: the rules as they were (through `apply`, which stores and announces them), then the lowerings. */
export async function undoRuleChange(o: { store: Store; reader?: StoreReader; now: number; outbox: Pick<Outbox, 'submit'>; apply: (s: WallSettings) => Promise<WallSettings> }, current: WallSettings): Promise<{ settings: WallSettings; lowered: number }> {
  const kept = await readKept(o.store);
  if (!kept) throw new RpcError('notFound', '没有可撤销的规则更改 (no rule change to take back)');
  const todo = await stillToLower(o.store, await lowerings(o.store, kept.at), kept.before, o.now, o.reader);
  const settings = await o.apply({ ...current, ...kept.before });
  await deleteSetting(o.store, KEY);
  for (const l of todo) await o.outbox.submit({ kind: 'escalate', ticketNo: l.ticketNo, to: l.to, reason: UNDO_ESCALATION_NOTE });
  return { settings, lowered: todo.length };
}
