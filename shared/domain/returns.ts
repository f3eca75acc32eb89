/**
 * 退单: a unit sends a ticket back to the dispatcher with a reason. A return is arbitrary (随意退单) when the
 * ticket is later dispatched back to the very unit that returned it — it was that unit's after all.
 * Pure, over a ticket's timeline: dispatch steps name their unit in the note ("派X" or "改派X").
 */
import type { TimelineEntry } from './ticket';

export type Return = { unit: string; at: number; reason: string; arbitrary: boolean };

/** The unit a dispatch step sends the ticket to, if its note says. */
export function dispatchedTo(e: Pick<TimelineEntry, 'kind' | 'note'>): string | undefined {
  if (e.kind !== 'dispatched') return undefined;
  return /^(?:改)?派(.+?)(?:[（(].*)?$/.exec(e.note.trim())?.[1]?.trim() || undefined;
}

export function returnsOf(timeline: readonly TimelineEntry[]): Return[] {
  const out: Return[] = [];
  timeline.forEach((e, i) => {
    if (e.kind !== 'returned') return;
    const arbitrary = timeline.slice(i + 1).some((later) => dispatchedTo(later) === e.actor);
    out.push({ unit: e.actor, at: e.at, reason: e.note, arbitrary });
  });
  return out;
}

export type UnitReturns = { unit: string; returns: number; arbitrary: number };

/** Returns counted per unit (most first). */
export function returnsByUnit(timelines: Iterable<readonly TimelineEntry[]>): UnitReturns[] {
  const by = new Map<string, UnitReturns>();
  for (const tl of timelines) {
    for (const r of returnsOf(tl)) {
      const u = by.get(r.unit) ?? { unit: r.unit, returns: 0, arbitrary: 0 };
      u.returns++;
      if (r.arbitrary) u.arbitrary++;
      by.set(r.unit, u);
    }
  }
  return [...by.values()].sort((a, b) => b.returns - a.returns || b.arbitrary - a.arbitrary || a.unit.localeCompare(b.unit));
}
