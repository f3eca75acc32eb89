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
