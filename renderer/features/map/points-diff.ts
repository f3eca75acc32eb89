/**
 * The open tickets the map holds, and how an answer of map.points (everything, or the difference since a
 * version) changes them: what the map's source needs — everything again, or the tickets to drop and the points
 * to (re)add. Pure: tested without a map.
 */
import type { Feature, Point } from 'geojson';
import type { MapPoints } from '../../../shared/contract/map';
import { POINT_APPROXIMATE, POINT_CROSS, POINT_OVERDUE } from '../../../shared/contract/map';

/** An open ticket as the map holds it: position, status index, whistle level, flags (POINT_*). */
export type HeldPoint = { lng: number; lat: number; s: number; w: number; f: number };

export type PointsChange = { full: Feature<Point>[] } | { remove: string[]; add: Feature<Point>[] };

export function toFeature(no: string, p: HeldPoint): Feature<Point> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
    properties: { no, s: p.s, w: p.w, o: p.f & POINT_OVERDUE ? 1 : 0, x: p.f & POINT_CROSS ? 1 : 0, a: p.f & POINT_APPROXIMATE ? 1 : 0 },
  };
}

export function applyPoints(held: Map<string, HeldPoint>, p: MapPoints): PointsChange {
  if (p.full) held.clear();
  const remove: string[] = [];
  for (const no of p.removed) if (held.delete(no)) remove.push(no);
  const add: Feature<Point>[] = new Array(p.ticketNos.length);
  for (let i = 0; i < p.ticketNos.length; i++) {
    const no = p.ticketNos[i]!;
    const point = { lng: p.coords[2 * i]!, lat: p.coords[2 * i + 1]!, s: p.status[i]!, w: p.whistle[i]!, f: p.flags[i]! };
    if (held.has(no)) remove.push(no);
    held.set(no, point);
    add[i] = toFeature(no, point);
  }
  return p.full ? { full: add } : { remove, add };
}

export const changesSomething = (c: PointsChange): boolean => 'full' in c || c.add.length > 0 || c.remove.length > 0;

/** Overdue tickets' coordinates, flat [lng, lat, …] (the halo's input). */
export function overdueCoords(held: Map<string, HeldPoint>): number[] {
  const out: number[] = [];
  for (const p of held.values()) if (p.f & POINT_OVERDUE) out.push(p.lng, p.lat);
  return out;
}
