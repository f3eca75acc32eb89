/** Administrative divisions the console knows: the district, its sub-districts (街道) and communities (社区). */
import { CHONGCHUAN } from './divisions.generated';

export type Community = { code: string; name: string };
export type SubDistrict = { code: string; name: string; shortName: string; communities: Community[] };
export type Divisions = { district: { code: string; name: string }; subDistricts: SubDistrict[] };

export const DIVISIONS: Divisions = CHONGCHUAN;

const byCode = new Map(DIVISIONS.subDistricts.map((s) => [s.code, s]));

export function subDistrictName(code: string): string {
  return byCode.get(code)?.name ?? code;
}
export function subDistrictShortName(code: string): string {
  return byCode.get(code)?.shortName ?? code;
}

const communityByCode = new Map(DIVISIONS.subDistricts.flatMap((s) => s.communities.map((c) => [c.code, { community: c, subDistrict: s }] as const)));

/** A place's name: a community with its sub-district ("任港街道 · 某社区"), a sub-district, or the code itself. */
export function placeName(code: string): string {
  const c = communityByCode.get(code);
  if (c) return `${c.subDistrict.shortName} · ${c.community.name.replace(/居民委员会$/, '')}`;
  return byCode.get(code)?.name ?? code;
}
