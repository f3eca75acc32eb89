/**
 * What the map draws, in SQL over the store: open tickets as points, closed history as grid cells. A ticket
 * without a point (placement none, 未定位: lng is null) is never a point nor a heat cell; open ones are counted.
 * One placed only at its sub-district's centre is a (hollow) point but no heat.
 */
import { sql } from 'kysely';

type Db = Parameters<ReturnType<typeof sql>['execute']>[0];

export type OpenPointRow = {
  ticket_no: string;
  lng: number;
  lat: number;
  status: string;
  whistle_level: string;
  overdue: number;
  cross: number;
  /** Placed from its address, not its own coordinates (placement other than exact). */
  approximate: number;
};

/** Every ticket not yet closed that has a point (the partial index of open tickets), with whether it is overdue at `now`. */
export async function openPoints(db: Db, now: number): Promise<OpenPointRow[]> {
  const r = await sql<OpenPointRow>`
    select ticket_no, lng, lat, status, whistle_level,
      (status <> 'resolved' and deadline_at < ${now}) as overdue,
      (cross_region or cross_level or cross_department) as "cross",
      (placement <> 'exact') as approximate
    from tickets where status <> 'closed' and lng is not null`.execute(db);
  return r.rows;
}

/** A changed ticket; `gone`: no longer a point (closed, or without a point now), to be taken off. */
export type ChangedPointRow = Omit<OpenPointRow, 'lng' | 'lat'> & { lng: number | null; lat: number | null; gone: number };

/**
 * What changed on the map between two reads: tickets written after mark `since` up to `upto` (those closed or
 * without a point included, to be taken off), and open tickets with a point whose deadline passed between
 * `sinceAt` and `now` (overdue by the clock, not by a write). Both by index: the cost follows the change, not the store.
 */
export async function changedPoints(db: Db, since: number, upto: number, sinceAt: number, now: number): Promise<ChangedPointRow[]> {
  const r = await sql<ChangedPointRow>`
    select ticket_no, lng, lat, status, whistle_level,
      (status <> 'resolved' and deadline_at < ${now}) as overdue,
      (cross_region or cross_level or cross_department) as "cross",
      (placement <> 'exact') as approximate,
      (status = 'closed' or lng is null) as gone
    from tickets where changed_mark > ${since} and changed_mark <= ${upto}
    union all
    select ticket_no, lng, lat, status, whistle_level, 1, (cross_region or cross_level or cross_department), (placement <> 'exact'), 0
    from tickets where status <> 'closed' and status <> 'resolved' and deadline_at >= ${sinceAt} and deadline_at < ${now} and lng is not null`.execute(db);
  return r.rows;
}

/** Open tickets without a point (未定位), by the partial index of unplaced tickets (0013). */
export async function unplacedOpenCount(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from tickets where lng is null and status <> 'closed'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Closed tickets received since `since`, counted per cell of `cellDeg` degrees: [lng, lat, n] per cell (cell
 * centres). Only those placed where they happened, or near it (exact, compound, community): a ticket placed at its
 * sub-district's centre would paint a hot spot there that no street has, and one not placed has nowhere to go.
 */
export async function closedHeat(db: Db, since: number, cellDeg: number): Promise<number[]> {
  const r = await sql<{ x: number; y: number; n: number }>`
    select cast(floor(lng / ${cellDeg}) as integer) as x, cast(floor(lat / ${cellDeg}) as integer) as y, count(*) as n
    from tickets where received_at >= ${since} and status = 'closed' and lng is not null and placement <> 'subDistrict' group by x, y`.execute(db);
  const out: number[] = [];
  for (const c of r.rows) out.push(Number(((c.x + 0.5) * cellDeg).toFixed(6)), Number(((c.y + 0.5) * cellDeg).toFixed(6)), Number(c.n));
  return out;
}
