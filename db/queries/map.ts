/** What the map draws, in SQL over the store: open tickets as points, closed history as grid cells. */
import { sql } from 'kysely';
import type { Store } from '../open';

type Db = Parameters<ReturnType<typeof sql>['execute']>[0];

export type OpenPointRow = { ticket_no: string; lng: number; lat: number; status: string; whistle_level: string; overdue: number; cross: number };

/** Every ticket not yet closed (the partial index of open tickets), with whether it is overdue at `now`. */
export async function openPoints(db: Db, now: number): Promise<OpenPointRow[]> {
  const r = await sql<OpenPointRow>`
    select ticket_no, lng, lat, status, whistle_level,
      (status <> 'resolved' and deadline_at < ${now}) as overdue,
      (cross_region or cross_level or cross_department) as "cross"
    from tickets where status <> 'closed'`.execute(db);
  return r.rows;
}

export type ChangedPointRow = OpenPointRow & { closed: number };

/**
 * What changed on the map between two reads: tickets written after mark `since` up to `upto` (closed ones
 * included, to be taken off), and open tickets whose deadline passed between `sinceAt` and `now` (overdue by
 * the clock, not by a write). Both by index: the cost follows the change, not the store.
 */
export async function changedPoints(db: Db, since: number, upto: number, sinceAt: number, now: number): Promise<ChangedPointRow[]> {
  const r = await sql<ChangedPointRow>`
    select ticket_no, lng, lat, status, whistle_level,
      (status <> 'resolved' and deadline_at < ${now}) as overdue,
      (cross_region or cross_level or cross_department) as "cross",
      (status = 'closed') as closed
    from tickets where changed_mark > ${since} and changed_mark <= ${upto}
    union all
    select ticket_no, lng, lat, status, whistle_level, 1, (cross_region or cross_level or cross_department), 0
    from tickets where status <> 'closed' and status <> 'resolved' and deadline_at >= ${sinceAt} and deadline_at < ${now}`.execute(db);
  return r.rows;
}

/** Closed tickets received since `since`, counted per cell of `cellDeg` degrees: [lng, lat, n] per cell (cell centres). */
export async function closedHeat(db: Db, since: number, cellDeg: number): Promise<number[]> {
  const r = await sql<{ x: number; y: number; n: number }>`
    select cast(floor(lng / ${cellDeg}) as integer) as x, cast(floor(lat / ${cellDeg}) as integer) as y, count(*) as n
    from tickets where received_at >= ${since} and status = 'closed' group by x, y`.execute(db);
  const out: number[] = [];
  for (const c of r.rows) out.push(Number(((c.x + 0.5) * cellDeg).toFixed(6)), Number(((c.y + 0.5) * cellDeg).toFixed(6)), Number(c.n));
  return out;
}
