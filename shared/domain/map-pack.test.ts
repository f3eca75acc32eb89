import { describeError } from '../i18n/catalogue';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMapPack, MapPackError } from './map-pack';

const BUILTIN = readFileSync(path.join(__dirname, '../../resources/map/chongchuan.geojson'), 'utf8');
const square = (code: string, name: string, x = 120.8) => ({
  type: 'Feature',
  properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [[[x, 32], [x + 0.01, 32], [x + 0.01, 32.01], [x, 32.01], [x, 32]]] },
});

describe('district map packs', () => {
  it('the built-in pack has the outline and all 16 sub-districts, and says it is schematic', () => {
    const c = checkMapPack(BUILTIN);
    expect(c.schematic).toBe(true);
    expect(c.missing).toEqual([]);
    expect(c.pack.features.filter((f) => f.properties.kind === 'subDistrict')).toHaveLength(16);
    const [w, s, e, n] = c.bounds;
    expect(w).toBeGreaterThan(120.7);
    expect(e).toBeLessThan(121.1);
    expect(s).toBeGreaterThan(31.9);
    expect(n).toBeLessThan(32.2);
  });

  it('takes a GIS export with numeric codes and no kind, and names the sub-districts it lacks', () => {
    const c = checkMapPack(JSON.stringify({ type: 'FeatureCollection', features: [{ ...square('x', '任港街道'), properties: { code: 320613003, name: '任港街道', OBJECTID: 7 } }, square('320613004', '新城桥街道', 120.85)] }));
    expect(c.schematic).toBe(false);
    expect(c.missing).toHaveLength(14);
    expect(c.missing).toContain('城东街道');
    expect(c.missing).not.toContain('任港街道');
  });

  it.each([
    ['not JSON', '{"type":', /not valid JSON/],
    ['not a FeatureCollection', JSON.stringify({ type: 'Feature' }), /not a district GeoJSON FeatureCollection.*type/],
    ['a ring that is not closed', JSON.stringify({ type: 'FeatureCollection', features: [{ ...square('320613003', '任港'), geometry: { type: 'Polygon', coordinates: [[[120, 32], [121, 32]]] } }] }), /geometry\.coordinates\.0: a ring needs at least 4 positions/],
    ['a latitude out of range', JSON.stringify({ type: 'FeatureCollection', features: [{ ...square('320613003', '任港'), geometry: { type: 'Polygon', coordinates: [[[120, 32], [120, 95], [121, 32], [120, 32]]] } }] }), /coordinates/],
    ['no sub-district of this district', JSON.stringify({ type: 'FeatureCollection', features: [square('110101001', '东华门街道')] }), /no feature has the code of a sub-district/],
  ])('refuses %s with a clear reason', (_what, text, reason) => {
    expect(() => checkMapPack(text)).toThrow(MapPackError);
    expect(() => checkMapPack(text)).toThrow(reason);
  });

  it('says why in the catalogue\'s words: a reason with parameters, which area is wrong, never a zod path', () => {
    const refusal = (text: string) => {
      try {
        checkMapPack(text);
      } catch (e) {
        return e instanceof MapPackError ? { reason: e.reason, params: e.params } : undefined;
      }
    };
    expect(refusal('{"type":')).toEqual({ reason: 'mapPackNotJson', params: {} });
    const ring = JSON.stringify({ type: 'FeatureCollection', features: [square('320613004', '新城桥'), { ...square('320613003', '任港'), geometry: { type: 'Polygon', coordinates: [[[120, 32], [121, 32]]] } }] });
    expect(refusal(ring)).toEqual({ reason: 'mapPackNotGeoJson', params: { feature: 2 } });
    expect(describeError('zh-CN', { code: 'badRequest', ...refusal(ring) })).toBe('地图包不是本区的 GeoJSON 区域集合（第 2 个区域有误；0 表示整体格式不符）');
    expect(describeError('en', { code: 'badRequest', ...refusal(ring) })).not.toMatch(/features|geometry|[\u4e00-\u9fff]/);
  });
});
