// Builds resources/gazetteer/chongchuan.csv from the district map pack: each sub-district's office
// (街道办事处) at the pack's label point. The pack is schematic, so is this; a centre loads its own
// gazetteer (compounds, roads, landmarks, communities) in 设置 → 导入工单 → 地名库.
import { readFileSync, writeFileSync } from 'node:fs';
const pack = JSON.parse(readFileSync(new URL('../resources/map/chongchuan.geojson', import.meta.url), 'utf8'));
const lines = ['名称,经度,纬度,类型,街道'];
for (const f of pack.features) {
  const p = f.properties;
  if (p.kind !== 'subDistrict') continue;
  lines.push(`${p.name}办事处,${p.labelLng},${p.labelLat},地标,${p.name}`);
}
writeFileSync(new URL('../resources/gazetteer/chongchuan.csv', import.meta.url), lines.join('\n') + '\n');
console.log(`resources/gazetteer/chongchuan.csv: ${lines.length - 1} places`);
