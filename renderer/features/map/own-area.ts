/** A station's own sub-district on the map: the area to fit the view to. */
import type { MapPackInfo } from '../../../shared/contract/map';
import { isSubDistrictArea } from '../../../shared/domain/map-pack';

type Bounds = [west: number, south: number, east: number, north: number];

/** The bounds of the sub-district's area in the pack, or null when the pack has no area for it. */
export function areaBounds(pack: MapPackInfo['pack'], code: string): Bounds | null {
  const f = pack.features.find((x) => isSubDistrictArea(x) && x.properties.code === code);
  if (!f) return null;
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons) for (const ring of poly) for (const [x, y] of ring as [number, number][]) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }
  return b;
}
