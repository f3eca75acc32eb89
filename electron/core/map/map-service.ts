/**
 * The map's data: the district pack (built in, or a centre's own GeoJSON kept in the store), open tickets
 * as points and closed history as heat.
 */
import { randomUUID } from 'node:crypto';
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
export const HEAT_CELL_DEG = 0.002;

/** A version of the open points: ticket number → its point (position, status, level, flags) as one string. */
type PointSnapshot = Map<string, string>;
/** Versions of the points kept to answer with a difference: one per wall screen refreshing, with room to spare. */
const POINT_VERSIONS_KEPT = 6;

export class MapService {
  private builtin: MapPackInfo | undefined;
  private readonly versions = new Map<string, PointSnapshot>();
  private readonly boot = randomUUID().slice(0, 8);
  private served = 0;

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

  /**
   * Open tickets as points — all of them, or the difference since `since` when that version is among the last
   * few answered (each wall screen asks with its own). A version is this service's: a restarted console answers
   * its screens in full once.
   */
  async points(since?: string): Promise<MapPoints> {
    const now = this.clock();
    const rows = await openPoints(this.reader, now);
    const statusIndex = new Map(TICKET_STATUSES.map((s, i) => [s as string, i]));
    const whistleIndex = new Map(WHISTLE_LEVELS.map((s, i) => [s as string, i]));
    const before = since === undefined ? undefined : this.versions.get(since);
    const current: PointSnapshot = new Map();
    const out: MapPoints = { asOf: now, version: `${this.boot}-${++this.served}`, full: !before, removed: [], ticketNos: [], coords: [], status: [], whistle: [], flags: [] };
    for (const r of rows) {
      const status = statusIndex.get(r.status) ?? 0;
      const whistle = whistleIndex.get(r.whistle_level) ?? 0;
      const flags = (r.overdue ? POINT_OVERDUE : 0) | (r.cross ? POINT_CROSS : 0);
      const sig = `${r.lng},${r.lat},${status},${whistle},${flags}`;
      current.set(r.ticket_no, sig);
      if (before?.get(r.ticket_no) === sig) continue;
      out.ticketNos.push(r.ticket_no);
      out.coords.push(r.lng, r.lat);
      out.status.push(status);
      out.whistle.push(whistle);
      out.flags.push(flags);
    }
    if (before) for (const no of before.keys()) if (!current.has(no)) out.removed.push(no);
    this.versions.set(out.version, current);
    for (const old of this.versions.keys()) {
      if (this.versions.size <= POINT_VERSIONS_KEPT) break;
      this.versions.delete(old);
    }
    return out;
  }

  async heat(days: number): Promise<MapHeat> {
    return { days, cellDeg: HEAT_CELL_DEG, cells: await closedHeat(this.reader, this.clock() - days * 86_400_000, HEAT_CELL_DEG) };
  }
}
