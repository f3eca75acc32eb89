/**
 * Writes resources/map/chongchuan.geojson: the built-in district pack. SCHEMATIC: the district outline is
 * drawn by hand around the sub-districts' approximate centres, and each sub-district's area is the part of
 * the outline nearer its centre than any other (a Voronoi cell). The pack says so (`schematic: true`) and
 * the map shows 示意. A centre loads its real GIS export from settings instead.
 *   npx tsx scripts/gen-map-pack.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUB_DISTRICT_CENTRES } from '../hub/demo/places';
import { DIVISIONS } from '../shared/domain/divisions';

type Pt = [number, number];
// Approximate outline of 崇川区 (clockwise from the north-west), the Yangtze bank along the south-west.
const OUTLINE: Pt[] = [
  [120.755, 32.065], [120.775, 32.105], [120.83, 32.112], [120.885, 32.108], [120.93, 32.1], [120.945, 32.06],
  [120.975, 32.02], [120.985, 31.985], [120.96, 31.955], [120.915, 31.93], [120.87, 31.925], [120.845, 31.95],
  [120.82, 31.985], [120.785, 32.015], [120.76, 32.04],
];

/** Keep the part of `poly` on the side of the bisector of (a, b) nearer to a (Sutherland–Hodgman, one plane). */
function clipNearer(poly: Pt[], a: Pt, b: Pt): Pt[] {
  const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
  const nx = b[0] - a[0], ny = b[1] - a[1];
  const side = (p: Pt) => (p[0] - mx) * nx + (p[1] - my) * ny; // < 0: nearer a
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!, q = poly[(i + 1) % poly.length]!;
    const sp = side(p), sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

const round = (p: Pt): Pt => [Number(p[0].toFixed(5)), Number(p[1].toFixed(5))];
const ring = (poly: Pt[]) => [...poly.map(round), round(poly[0]!)];

const features = [
  {
    type: 'Feature',
    properties: { kind: 'district', code: DIVISIONS.district.code, name: DIVISIONS.district.name },
    geometry: { type: 'Polygon', coordinates: [ring(OUTLINE)] },
  },
  ...DIVISIONS.subDistricts.map((s) => {
    const centre = SUB_DISTRICT_CENTRES[s.code];
    if (!centre) throw new Error(`no centre for ${s.code}`);
    let cell: Pt[] = OUTLINE;
    for (const [code, other] of Object.entries(SUB_DISTRICT_CENTRES)) if (code !== s.code) cell = clipNearer(cell, centre as Pt, other as Pt);
    return {
      type: 'Feature',
      properties: { kind: 'subDistrict', code: s.code, name: s.name, labelLng: centre[0], labelLat: centre[1] },
      geometry: { type: 'Polygon', coordinates: [ring(cell)] },
    };
  }),
];

const pack = { type: 'FeatureCollection', name: `${DIVISIONS.district.name}（示意）`, schematic: true, features };
const file = path.join(__dirname, '..', 'resources', 'map', 'chongchuan.geojson');
writeFileSync(file, JSON.stringify(pack) + '\n');
console.log(`wrote ${file}: ${features.length} features`);
