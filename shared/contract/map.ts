/** Map area of the contract: the district pack, open tickets as points, closed history as heat. */
import { z } from 'zod';
import { MAP_PACK_MAX_CHARS, MapPack } from '../domain/map-pack';

export const MapPackInfo = z.object({
  pack: MapPack,
  source: z.enum(['builtin', 'custom']),
  /** The areas are approximate: the map says 示意. */
  schematic: z.boolean(),
  /** Sub-districts with no area in the pack (names). */
  missing: z.array(z.string()),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type MapPackInfo = z.infer<typeof MapPackInfo>;

/** Point flags (bits). */
export const POINT_OVERDUE = 1;
export const POINT_CROSS = 2;
/** Placed from its address (placement compound, community or subDistrict), not its own coordinates: drawn hollow. */
export const POINT_APPROXIMATE = 4;

/**
 * Open tickets as columns (one entry per ticket in each array): compact to carry and to check, even for
 * tens of thousands of points. `status` and `whistle` index TICKET_STATUSES and WHISTLE_LEVELS. Only tickets
 * with a point are points: those not placed (placement none, 未定位) are counted in `unplaced`.
 * Asked `since` a version the console still holds, the answer is the difference: the points added or changed
 * since, and the tickets no longer open (`removed`); otherwise (`full`) every open ticket. A wall refreshing
 * every few seconds so carries the tickets that moved, not all of them.
 */
export const MapPoints = z.object({
  asOf: z.number().int(),
  /** Ask `since` this next time. */
  version: z.string(),
  /** Every open ticket (else: the difference since the version asked for). */
  full: z.boolean(),
  /** Tickets no longer points since the version asked for — closed, or no longer placed (none when full). */
  removed: z.array(z.string()),
  ticketNos: z.array(z.string()),
  /** lng, lat, lng, lat, … */
  coords: z.array(z.number()),
  status: z.array(z.number().int().min(0)),
  whistle: z.array(z.number().int().min(0)),
  flags: z.array(z.number().int().min(0)),
  /** Open tickets with no point (未定位) now, whatever was asked: the map says how many it cannot show. */
  unplaced: z.number().int().min(0),
});
export type MapPoints = z.infer<typeof MapPoints>;

/** Closed tickets of the last days, counted per grid cell: lng, lat, count, lng, lat, count, … */
export const MapHeat = z.object({ days: z.number().int(), cellDeg: z.number(), cells: z.array(z.number()) });
export type MapHeat = z.infer<typeof MapHeat>;

export const mapMethods = {
  'map.pack': { input: z.object({}).strict(), output: MapPackInfo },
  /** Load a centre's own district GeoJSON (kept in the store); refused with a clear reason when unusable. */
  'map.setPack': { input: z.object({ text: z.string().max(MAP_PACK_MAX_CHARS) }), output: MapPackInfo },
  'map.resetPack': { input: z.object({}).strict(), output: MapPackInfo },
  'map.points': { input: z.object({ since: z.string().max(64).optional() }).strict(), output: MapPoints },
  'map.heat': { input: z.object({ days: z.number().int().min(1).max(366).default(90) }), output: MapHeat },
};

export const mapEvents = {
  /** The district pack was replaced or reset (every screen redraws its map). */
  'map.packChanged': MapPackInfo,
};
