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
    ['not JSON', '{"type":', /不是有效的 JSON/],
    ['not a FeatureCollection', JSON.stringify({ type: 'Feature' }), /格式不符.*type/],
    ['a ring that is not closed', JSON.stringify({ type: 'FeatureCollection', features: [{ ...square('320613003', '任港'), geometry: { type: 'Polygon', coordinates: [[[120, 32], [121, 32]]] } }] }), /geometry\.coordinates\.0: a ring needs at least 4 positions/],
    ['a latitude out of range', JSON.stringify({ type: 'FeatureCollection', features: [{ ...square('320613003', '任港'), geometry: { type: 'Polygon', coordinates: [[[120, 32], [120, 95], [121, 32], [120, 32]]] } }] }), /coordinates/],
    ['no sub-district of this district', JSON.stringify({ type: 'FeatureCollection', features: [square('110101001', '东华门街道')] }), /没有任何街道区域/],
  ])('refuses %s with a clear reason', (_what, text, reason) => {
    expect(() => checkMapPack(text)).toThrow(MapPackError);
    expect(() => checkMapPack(text)).toThrow(reason);
  });

  it.each([
    ['{"type":', 'notJson', {}],
    [JSON.stringify({ type: 'Feature' }), 'notFeatureCollection', {}],
    [JSON.stringify({ type: 'FeatureCollection', features: [square('320613003', '任港'), { ...square('320613004', '新城桥'), geometry: { type: 'Point', coordinates: [120, 32] } }] }), 'badGeometry', { n: 2 }],
    [JSON.stringify({ type: 'FeatureCollection', features: [{ ...square('320613003', '任港'), properties: { name: '任港' } }] }), 'badProperties', { n: 1 }],
    [JSON.stringify({ type: 'FeatureCollection', features: [square('110101001', '东华门街道')] }), 'noSubDistrict', {}],
  ])('says why as a code the screen has a sentence for (%#)', (text, problem, params) => {
    const e = (() => {
      try {
        checkMapPack(text);
      } catch (err) {
        return err as MapPackError;
      }
    })();
    expect(e).toMatchObject({ problem, params });
  });
});
