/** The resources folder (map pack, demo data, built-in gazetteer), found upwards from the hub's own file: the
 * source tree (hub/) and the build (out/main/) sit at different depths. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function hubResourcesDir(start = __dirname): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'map', 'chongchuan.geojson'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(start, '..', 'resources');
}
