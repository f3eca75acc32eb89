/**
 * 地名库 files: CSV of 名称,经度,纬度[,类型][,街道] (UTF-8 or GBK; a header line is recognised and skipped).
 * 类型: 小区 (compound, the default), 道路 (road), 地标 (landmark), 社区 (community). A line that cannot be used
 * is refused with its number and reason; the others load. The built-in one (resources/gazetteer) is made by
 * scripts/gen-gazetteer.mjs from the district map pack; each sub-district's centre comes from the pack too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { RefusedRow } from '../../shared/contract/imports';
import { coordinatesOf, subDistrictOfName, type GazetteerEntry, type GazetteerKind } from '../../shared/import/places';
import { isUtf8 } from './sniff';
import { delimiterOf } from './read-rows';

const KINDS: Record<string, GazetteerKind> = { 小区: 'compound', 住宅小区: 'compound', compound: 'compound', 道路: 'road', 路: 'road', road: 'road', 地标: 'landmark', landmark: 'landmark', 社区: 'community', community: 'community' };

export type GazetteerParse = { entries: GazetteerEntry[]; refused: RefusedRow[]; refusedCount: number };

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.subarray(3)).toString('utf8');
  return isUtf8(bytes, true) ? Buffer.from(bytes).toString('utf8') : iconv.decode(Buffer.from(bytes), 'gb18030');
}

export function parseGazetteer(text: string): GazetteerParse {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: delimiterOf(firstLine), relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (e) {
    return { entries: [], refused: [{ row: 1, ticketNo: null, column: null, reason: 'gazetteerUnreadable', params: { detail: String((e as Error).message).slice(0, 200) } }], refusedCount: 1 };
  }
  const entries: GazetteerEntry[] = [];
  const refused: RefusedRow[] = [];
  let refusedCount = 0;
  const refuse = (r: RefusedRow) => {
    refusedCount++;
    if (refused.length < 100) refused.push(r);
  };
  rows.forEach((cells, i) => {
    const row = i + 1;
    const [name = '', lngText = '', latText = '', kindText = '', sdText = ''] = cells.map((c) => c.normalize('NFKC').trim());
    if (!name && !lngText) return;
    if (i === 0 && /^(名称|地名|name)$/i.test(name)) return;
    const at = coordinatesOf(lngText, latText);
    if (!at) return refuse({ row, ticketNo: null, column: '经度/纬度', reason: 'badCoordinates', params: { value: `${lngText},${latText}`.slice(0, 60) } });
    const kind = kindText ? KINDS[kindText.toLowerCase()] : 'compound';
    if (!kind) return refuse({ row, ticketNo: null, column: '类型', reason: 'unknownKind', params: { value: kindText.slice(0, 40) } });
    const subDistrictCode = sdText ? subDistrictOfName(sdText) : null;
    if (sdText && !subDistrictCode) return refuse({ row, ticketNo: null, column: '街道', reason: 'unknownSubDistrict', params: { value: sdText.slice(0, 60) } });
    if (name.length < 2 || name.length > 60) return refuse({ row, ticketNo: null, column: '名称', reason: 'badPlaceName', params: { value: name.slice(0, 60) } });
    entries.push({ name, lng: at.lng, lat: at.lat, kind, subDistrictCode });
  });
  return { entries, refused, refusedCount };
}

export const BUILTIN_GAZETTEER = path.join('gazetteer', 'chongchuan.csv');

export async function loadBuiltinGazetteer(resourcesDir: string): Promise<GazetteerEntry[]> {
  return parseGazetteer(decodeText(await readFile(path.join(resourcesDir, BUILTIN_GAZETTEER)))).entries;
}

/** Each sub-district's centre from the map pack (its label point; else the middle of its outline's box). */
export async function loadCentres(resourcesDir: string): Promise<Map<string, readonly [number, number]>> {
  const pack = JSON.parse(await readFile(path.join(resourcesDir, 'map', 'chongchuan.geojson'), 'utf8')) as {
    features: { properties: { kind?: string; code?: string; labelLng?: number; labelLat?: number }; geometry: { coordinates: number[][][] } }[];
  };
  const centres = new Map<string, readonly [number, number]>();
  for (const f of pack.features) {
    const p = f.properties;
    if (p.kind !== 'subDistrict' || !p.code) continue;
    if (typeof p.labelLng === 'number' && typeof p.labelLat === 'number') centres.set(p.code, [p.labelLng, p.labelLat]);
    else {
      const ring = f.geometry.coordinates[0] ?? [];
      const xs = ring.map((c) => c[0]!);
      const ys = ring.map((c) => c[1]!);
      if (xs.length) centres.set(p.code, [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2]);
    }
  }
  return centres;
}
