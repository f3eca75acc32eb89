/**
 * The daily 办结 line counts tickets on the day they were resolved. Counting a month of resolutions from the index
 * costs seconds at a million tickets (most of them resolved), so the days before today are counted once and kept
 * for REFRESH_MS — they change only when an old ticket is resolved again or reopened — and today is counted at
 * every refresh (a day's resolutions: a range of the index). The first snapshot after a start, a new day or a
 * longer window pays the full count; later ones read today only.
 */
import { beijingDayStart, resolvedByDay, type ClosuresByDay } from '../../../db/queries/kpi';

/** How long the counts of earlier days are kept before they are counted again. */
export const REFRESH_MS = 10 * 60_000;

export function closuresByDay(clock: () => number = Date.now): ClosuresByDay {
  let kept: { fromMs: number; todayMs: number; at: number; days: Map<string, number> } | undefined;
  return async (db, fromMs, now) => {
    const todayMs = beijingDayStart(now);
    if (!kept || kept.fromMs !== fromMs || kept.todayMs !== todayMs || clock() - kept.at > REFRESH_MS) {
      kept = { fromMs, todayMs, at: clock(), days: await resolvedByDay(db, fromMs, todayMs) };
    }
    const today = await resolvedByDay(db, todayMs, todayMs + 86_400_000);
    return new Map([...kept.days, ...today]);
  };
}
