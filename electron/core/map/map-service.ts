/**
 * The map's data: the district pack (built in, or a centre's own GeoJSON kept in the store), open tickets
 * as points and closed history as heat.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../../../db/open';
import { closedHeat, openPoints } from '../../../db/queries/map';
import { deleteSetting, readSetting, writeSetting } from '../../../db/queries/settings';
import type { MapHeat, MapPackInfo, MapPoints } from '../../../shared/contract/map';
import { POINT_CROSS, POINT_OVERDUE } from '../../../shared/contract/map';
import { checkMapPack, MapPackError } from '../../../shared/domain/map-pack';
import { TICKET_STATUSES } from '../../../shared/domain/status';
import { WHISTLE_LEVELS } from '../../../shared/domain/ticket';
import { RpcError } from '../../../shared/rpc/errors';

const PACK_KEY = 'map.pack';
export const BUILTIN_PACK = path.join('map', 'chongchuan.geojson');
const HEAT_CELL_DEG = 0.002;

export class MapService {
  private builtin: MapPackInfo | undefined;

  constructor(
    private readonly store: Store,
    private readonly resourcesDir: string,
    private readonly clock: () => number,
    private readonly onPackChanged: (info: MapPackInfo) => void = () => {},
    /** Long reads (points, heat) go here: a read-only connection, so they never hold up the sync's writes. */
    private readonly reader: Store = store,
  ) {}

  async pack(): Promise<MapPackInfo> {
    const custom = await readSetting(this.store, PACK_KEY);
    if (custom !== undefined) {
      try {
        return { ...checkMapPack(custom), source: 'custom' };
      } catch {
        // A stored pack was checked when loaded; should a later version refuse it, the built-in one serves.
      }
    }
    this.builtin ??= { ...checkMapPack(await readFile(path.join(this.resourcesDir, BUILTIN_PACK), 'utf8')), source: 'builtin' };
    return this.builtin;
  }

  async setPack(text: string): Promise<MapPackInfo> {
    let checked;
    try {
      checked = checkMapPack(text);
    } catch (e) {
      if (e instanceof MapPackError) throw new RpcError('badRequest', e.message);
      throw e;
    }
    await writeSetting(this.store, PACK_KEY, text, this.clock());
    const info: MapPackInfo = { ...checked, source: 'custom' };
    this.onPackChanged(info);
    return info;
  }

  async resetPack(): Promise<MapPackInfo> {
    await deleteSetting(this.store, PACK_KEY);
    const info = await this.pack();
    this.onPackChanged(info);
    return info;
  }

  async points(): Promise<MapPoints> {
    const now = this.clock();
    const rows = await openPoints(this.reader, now);
    const statusIndex = new Map(TICKET_STATUSES.map((s, i) => [s as string, i]));
    const whistleIndex = new Map(WHISTLE_LEVELS.map((s, i) => [s as string, i]));
    const out: MapPoints = { asOf: now, ticketNos: [], coords: [], status: [], whistle: [], flags: [] };
    for (const r of rows) {
      out.ticketNos.push(r.ticket_no);
      out.coords.push(r.lng, r.lat);
      out.status.push(statusIndex.get(r.status) ?? 0);
      out.whistle.push(whistleIndex.get(r.whistle_level) ?? 0);
      out.flags.push((r.overdue ? POINT_OVERDUE : 0) | (r.cross ? POINT_CROSS : 0));
    }
    return out;
  }

  async heat(days: number): Promise<MapHeat> {
    return { days, cellDeg: HEAT_CELL_DEG, cells: await closedHeat(this.reader, this.clock() - days * 86_400_000, HEAT_CELL_DEG) };
  }
}
