/**
 * The district map pack: plain GeoJSON (a FeatureCollection) with the district's outline and one area per
 * sub-district, each feature carrying `code` (the official division code) and `name`. The built-in pack is
 * schematic (`schematic: true`: the map says 示意); a centre loads its GIS export instead.
 * Pure: checking a pack and saying clearly what is wrong with a bad one.
 */
import { z } from 'zod';
import { DIVISIONS } from './divisions';

const Lng = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const Position = z.tuple([Lng, Lat]).rest(z.number());
const Ring = z.array(Position).min(4, 'a ring needs at least 4 positions (closed)');
const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const MultiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) });

export const MapFeature = z.object({
  type: z.literal('Feature'),
  properties: z
    .object({
      code: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(32)),
      name: z.string().min(1).max(100),
      kind: z.enum(['district', 'subDistrict']).optional(),
      labelLng: Lng.optional(),
      labelLat: Lat.optional(),
    })
    .loose(),
  geometry: z.discriminatedUnion('type', [Polygon, MultiPolygon]),
});
export type MapFeature = z.infer<typeof MapFeature>;

export const MapPack = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string().max(200).optional(),
  schematic: z.boolean().optional(),
  features: z.array(MapFeature).min(1).max(5000),
});
export type MapPack = z.infer<typeof MapPack>;

/** What the console uses of a pack: the outline, the sub-district areas, and what the pack lacks. */
export type CheckedMapPack = {
  pack: MapPack;
  schematic: boolean;
  /** Sub-districts of the district with no area in the pack (their tickets still show as points). */
  missing: string[];
  bounds: [west: number, south: number, east: number, north: number];
};

/** Why a pack cannot be used, as codes the screens have a sentence for. */
export const MAP_PACK_PROBLEMS = ['tooLarge', 'notJson', 'notFeatureCollection', 'badGeometry', 'badProperties', 'noSubDistrict'] as const;
export type MapPackProblem = (typeof MAP_PACK_PROBLEMS)[number];

/** The message is for logs (it may name a path in the file); `problem` and `params` are for the screen. */
export class MapPackError extends Error {
  constructor(
    readonly problem: MapPackProblem,
    message: string,
    readonly params: Record<string, number> = {},
  ) {
    super(message);
  }
}

/** Largest pack text accepted (a district's GIS export of 16 areas is far smaller). */
export const MAP_PACK_MAX_CHARS = 15_000_000;

export function checkMapPack(text: string): CheckedMapPack {
  if (text.length > MAP_PACK_MAX_CHARS) throw new MapPackError('tooLarge', `地图包过大 (map pack too large: ${text.length} characters, at most ${MAP_PACK_MAX_CHARS})`, { size: text.length, max: MAP_PACK_MAX_CHARS });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MapPackError('notJson', `地图包不是有效的 JSON (not valid JSON: ${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = MapPack.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [top, index, part] = issue.path;
    const n = top === 'features' && typeof index === 'number' ? index + 1 : null;
    const problem: MapPackProblem = n !== null && part === 'geometry' ? 'badGeometry' : n !== null && part === 'properties' ? 'badProperties' : 'notFeatureCollection';
    throw new MapPackError(problem, `地图包格式不符 (not a district GeoJSON FeatureCollection): ${issue.path.join('.') || '(root)'}: ${issue.message}`, n !== null ? { n } : {});
  }
  const pack = parsed.data;
  const known = new Set(DIVISIONS.subDistricts.map((s) => s.code));
  const areas = pack.features.filter((f) => isSubDistrictArea(f, known));
  if (!areas.length) {
    throw new MapPackError('noSubDistrict', `地图包中没有任何街道区域 (no feature has the code of a sub-district of ${DIVISIONS.district.name}: expected properties.code such as ${DIVISIONS.subDistricts[0]!.code})`);
  }
  const present = new Set(areas.map((f) => f.properties.code));
  const missing = DIVISIONS.subDistricts.filter((s) => !present.has(s.code)).map((s) => s.name);
  return { pack, schematic: pack.schematic === true, missing, bounds: boundsOf(pack) };
}

export function isSubDistrictArea(f: MapFeature, known = new Set(DIVISIONS.subDistricts.map((s) => s.code))): boolean {
  return f.properties.kind === 'subDistrict' || (f.properties.kind === undefined && known.has(f.properties.code));
}

function boundsOf(pack: MapPack): CheckedMapPack['bounds'] {
  let w = 180, s = 90, e = -180, n = -90;
  const visit = (ring: number[][]) => {
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  };
  for (const f of pack.features) {
    if (f.geometry.type === 'Polygon') f.geometry.coordinates.forEach(visit);
    else f.geometry.coordinates.forEach((p) => p.forEach(visit));
  }
  return [w, s, e, n];
}
