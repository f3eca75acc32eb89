/**
 * Where an imported ticket is: its sub-district (from its column, with or without 街道/镇 and the city's or
 * district's name in front — 港闸区 too, the district most of the northern sub-districts belonged to until
 * 2020 —, or found in the address), its community, and its point (placement): the row's own coordinates
 * (exact), a gazetteer entry its address names (compound), its community's point (community), its
 * sub-district's centre (subDistrict), or none (未定位). Pure: the gazetteer and centres are given.
 */
import { DIVISIONS } from '../domain/divisions';
import type { Placement } from '../domain/ticket';
import { NameMatcher } from './name-matcher';

export type GazetteerKind = 'compound' | 'road' | 'landmark' | 'community';
export type GazetteerEntry = { name: string; lng: number; lat: number; kind: GazetteerKind; subDistrictCode: string | null };

/** Names in front of a sub-district's that say nothing more: the province, city, district (and the former one). */
const PREFIX = /^(江苏省|江苏)?(南通市|南通)?(崇川区|崇川|港闸区|港闸|南通经济技术开发区|开发区)?/;

type SubDistrictHit = { code: string };
const subDistrictNames: [string, SubDistrictHit][] = [];
const subDistrictInText: [string, SubDistrictHit][] = [];
for (const s of DIVISIONS.subDistricts) {
  const hit = { code: s.code };
  const bare = s.shortName.replace(/镇$/, '');
  for (const n of new Set([s.name, s.shortName, bare, `${bare}街道`, `${bare}镇`, `${bare}街道办`, `${bare}街道办事处`, `${s.shortName}街道`])) subDistrictNames.push([n, hit]);
  // In a free address only the names that say "sub-district" are taken: a bare "幸福" may be 幸福家园.
  for (const n of new Set([s.name, `${bare}街道`, `${bare}镇`, `${s.shortName}街道`])) subDistrictInText.push([n, hit]);
}
const SUB_DISTRICT_COLUMN = new NameMatcher(subDistrictNames);
const SUB_DISTRICT_ADDRESS = new NameMatcher(subDistrictInText);

type CommunityHit = { code: string; subDistrictCode: string };
const COMMUNITIES = new NameMatcher<CommunityHit>(
  DIVISIONS.subDistricts.flatMap((s) =>
    s.communities.flatMap((c) => {
      const name = c.name.replace(/居民委员会$/, '');
      const hit = { code: c.code, subDistrictCode: s.code };
      return [[name, hit] as const, ...(name.endsWith('社区') ? [[`${name}居委会`, hit] as const, [`${name}居民委员会`, hit] as const] : [])];
    }),
  ),
);

const clean = (t: string) => t.normalize('NFKC').replace(/\s+/g, '');

/** A sub-district column's text to its code: "任港街道", "任港", "崇川区任港街道", "唐闸镇", "320613003". */
export function subDistrictOfName(text: string): string | null {
  const t = clean(text);
  if (/^\d{9}$/.test(t)) return DIVISIONS.subDistricts.some((s) => s.code === t) ? t : null;
  const bare = t.replace(PREFIX, '');
  return SUB_DISTRICT_COLUMN.exact(bare)?.code ?? null;
}

/** The sub-district an address names ("崇川区任港街道…"). */
export function subDistrictInAddress(address: string): string | null {
  return SUB_DISTRICT_ADDRESS.find(clean(address))?.value.code ?? null;
}

/** The community a column or an address names, within `subDistrictCode` when that is known. */
export function communityOf(text: string, subDistrictCode: string | null): CommunityHit | null {
  const t = clean(text);
  if (/^\d{12}$/.test(t)) {
    const s = DIVISIONS.subDistricts.find((d) => d.communities.some((c) => c.code === t));
    return s && (!subDistrictCode || s.code === subDistrictCode) ? { code: t, subDistrictCode: s.code } : null;
  }
  const accept = (h: CommunityHit) => !subDistrictCode || h.subDistrictCode === subDistrictCode;
  const whole = COMMUNITIES.exact(t) ?? COMMUNITIES.exact(`${t}社区`);
  if (whole && accept(whole)) return whole;
  return COMMUNITIES.find(t, accept)?.value ?? null;
}

/** A gazetteer ready to place addresses: compounds/roads/landmarks by name, and communities' points by code. */
export class Gazetteer {
  readonly places: NameMatcher<GazetteerEntry>;
  readonly communityPoints = new Map<string, GazetteerEntry>();
  readonly size: number;
  readonly byKind: Record<GazetteerKind, number> = { compound: 0, road: 0, landmark: 0, community: 0 };

  constructor(
    entries: readonly GazetteerEntry[],
    /** Each sub-district's centre (the map pack's label point). */
    readonly centres: ReadonlyMap<string, readonly [number, number]>,
  ) {
    this.places = new NameMatcher(entries.filter((e) => e.kind !== 'community').map((e) => [e.name, e] as const));
    for (const e of entries) {
      if (e.kind !== 'community') continue;
      const c = communityOf(e.name, e.subDistrictCode);
      if (c && !this.communityPoints.has(c.code)) this.communityPoints.set(c.code, e);
    }
    this.size = entries.length;
    for (const e of entries) this.byKind[e.kind]++;
  }
}

export type Placed = { lng: number | null; lat: number | null; placement: Placement };

/** Coordinates a row gives, when they are real ones (in range, not 0,0); swapped lng/lat are put right. */
export function coordinatesOf(lngText: string, latText: string): { lng: number; lat: number } | null {
  const lng = Number(lngText.normalize('NFKC').trim());
  const lat = Number(latText.normalize('NFKC').trim());
  if (!lngText.trim() || !latText.trim() || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  // China lies within 73–136 E, 3–54 N: a pair the other way round is swapped.
  if (lng >= 3 && lng <= 54 && lat >= 73 && lat <= 136) return { lng: lat, lat: lng };
  if (lng < 73 || lng > 136 || lat < 3 || lat > 54) return null;
  return { lng, lat };
}

/** The point of a ticket from what its row says, the most precise first. */
export function place(
  row: { coordinates: { lng: number; lat: number } | null; address: string; subDistrictCode: string; communityCode: string | null },
  gazetteer: Gazetteer,
): Placed {
  if (row.coordinates) return { ...row.coordinates, placement: 'exact' };
  const address = clean(row.address);
  if (address) {
    const hit = gazetteer.places.find(address, (e) => !e.subDistrictCode || e.subDistrictCode === row.subDistrictCode);
    if (hit) return { lng: hit.value.lng, lat: hit.value.lat, placement: 'compound' };
  }
  const community = row.communityCode ? gazetteer.communityPoints.get(row.communityCode) : undefined;
  if (community) return { lng: community.lng, lat: community.lat, placement: 'community' };
  const centre = gazetteer.centres.get(row.subDistrictCode);
  if (centre) return { lng: centre[0], lat: centre[1], placement: 'subDistrict' };
  return { lng: null, lat: null, placement: 'none' };
}
