/**
 * The map's data: the district pack (built in, or a centre's own GeoJSON kept in the store), open tickets
 * as points and closed history as heat.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Store, StoreReader } from '../../../db/open';
import { changedPoints, closedHeat, openPoints, unplacedOpenCount, type ChangedPointRow } from '../../../db/queries/map';
import { latestChangeMark } from '../../../db/queries/ticket-write';
import { deleteSetting, readSetting, writeSetting } from '../../../db/queries/settings';
import type { MapHeat, MapPackInfo, MapPoints } from '../../../shared/contract/map';
import { POINT_APPROXIMATE, POINT_CROSS, POINT_OVERDUE } from '../../../shared/contract/map';
import { checkMapPack, MapPackError } from '../../../shared/domain/map-pack';
import { TICKET_STATUSES } from '../../../shared/domain/status';
import { WHISTLE_LEVELS } from '../../../shared/domain/ticket';
import { RpcError } from '../../../shared/rpc/errors';

const PACK_KEY = 'map.pack';
export const BUILTIN_PACK = path.join('map', 'chongchuan.geojson');
export const HEAT_CELL_DEG = 0.002;

const STATUS_INDEX = new Map(TICKET_STATUSES.map((s, i) => [s as string, i]));
const WHISTLE_INDEX = new Map(WHISTLE_LEVELS.map((s, i) => [s as string, i]));

export class MapService {
  private builtin: MapPackInfo | undefined;
  /** This service's run: versions of another run (before a restart) are answered in full. */
  private readonly boot = randomUUID().slice(0, 8);

  constructor(
    private readonly store: Store,
    private readonly resourcesDir: string,
    private readonly clock: () => number,
    private readonly onPackChanged: (info: MapPackInfo) => void = () => {},
    /** Long reads (points, heat) go here: a read-only connection, so they never hold up the sync's writes. */
    private readonly reader: StoreReader = store,
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
      if (e instanceof MapPackError) throw new RpcError('invalidMapPack', e.message, { reason: `mapPack.${e.problem}`, params: e.params });
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
   * Open tickets as points — all of them, or the difference since `since` (a version this service answered
   * before: the store's change mark and the time then). A restarted console answers its screens in full once.
   * Tickets without a point are not points; how many of them are open comes with every answer.
   */
  async points(since?: string): Promise<MapPoints> {
    const now = this.clock();
    const mark = await latestChangeMark(this.reader);
    const before = this.parseVersion(since);
    const unplaced = await unplacedOpenCount(this.reader);
    const out: MapPoints = { asOf: now, version: `${this.boot}.${mark}.${now}`, full: !before, removed: [], ticketNos: [], coords: [], status: [], whistle: [], flags: [], unplaced };
    const rows = before ? await changedPoints(this.reader, before.mark, mark, before.at, now) : await openPoints(this.reader, now);
    const seen = new Set<string>();
    for (const r of rows) {
      // A ticket both written and overdue by the clock comes twice, the same both times.
      if (seen.has(r.ticket_no)) continue;
      seen.add(r.ticket_no);
      if ((r as Partial<ChangedPointRow>).gone || r.lng === null || r.lat === null) {
        out.removed.push(r.ticket_no);
        continue;
      }
      out.ticketNos.push(r.ticket_no);
      out.coords.push(r.lng, r.lat!);
      out.status.push(STATUS_INDEX.get(r.status) ?? 0);
      out.whistle.push(WHISTLE_INDEX.get(r.whistle_level) ?? 0);
      out.flags.push((r.overdue ? POINT_OVERDUE : 0) | (r.cross ? POINT_CROSS : 0) | (r.approximate ? POINT_APPROXIMATE : 0));
    }
    return out;
  }

  private parseVersion(v: string | undefined): { mark: number; at: number } | undefined {
    const m = v?.match(/^([0-9a-f]{8})\.(\d+)\.(\d+)$/);
    if (!m || m[1] !== this.boot) return undefined;
    return { mark: Number(m[2]), at: Number(m[3]) };
  }

  async heat(days: number): Promise<MapHeat> {
    return { days, cellDeg: HEAT_CELL_DEG, cells: await closedHeat(this.reader, this.clock() - days * 86_400_000, HEAT_CELL_DEG) };
  }
}
