/** Administrative divisions the console knows: the district, its sub-districts (街道) and communities (社区). */
import { CHONGCHUAN } from './divisions.generated';

/** Names in Chinese, and in English (`…En`: Hanyu Pinyin with the generic term translated, e.g. "Renggang Subdistrict"). */
export type Community = { code: string; name: string; nameEn: string };
export type SubDistrict = { code: string; name: string; shortName: string; nameEn: string; shortNameEn: string; communities: Community[] };
export type Divisions = { district: { code: string; name: string; nameEn: string }; subDistricts: SubDistrict[] };

export const DIVISIONS: Divisions = CHONGCHUAN;

const byCode = new Map(DIVISIONS.subDistricts.map((s) => [s.code, s]));

/** The place-name language: Chinese, or English (pinyin). */
export type PlaceLocale = 'zh-CN' | 'en';

export function subDistrictName(code: string, locale: PlaceLocale = 'zh-CN'): string {
  const s = byCode.get(code);
  return s ? (locale === 'en' ? s.nameEn : s.name) : code;
}
export function subDistrictShortName(code: string, locale: PlaceLocale = 'zh-CN'): string {
  const s = byCode.get(code);
  return s ? (locale === 'en' ? s.shortNameEn : s.shortName) : code;
}

const communityByCode = new Map(DIVISIONS.subDistricts.flatMap((s) => s.communities.map((c) => [c.code, { community: c, subDistrict: s }] as const)));

/** A place's name: a community with its sub-district ("任港 · 某社区"), a sub-district, or the code itself. */
export function placeName(code: string, locale: PlaceLocale = 'zh-CN'): string {
  const c = communityByCode.get(code);
  if (c) return locale === 'en' ? `${c.subDistrict.shortNameEn} · ${c.community.nameEn}` : `${c.subDistrict.shortName} · ${c.community.name.replace(/居民委员会$/, '')}`;
  return subDistrictName(code, locale);
}
