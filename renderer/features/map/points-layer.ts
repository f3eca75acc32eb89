/**
 * The open tickets as points on the map (clustered below a zoom), kept equal to the store by asking map.points
 * for the difference since the version last applied. Refreshes never overlap (OneAtATime); while tickets change
 * they come at most every POINTS_EVERY_MS — or less often where drawing is slow: the wait is at least
 * REDRAW_SHARE times what the last refresh took until the map was idle again, up to POINTS_EVERY_MAX_MS (a wall
 * PC drawing WebGL in software so spends at most about a twelfth of its time on the points, and pushes to the
 * stream are not held up behind them; with a GPU the refresh is quick and the wait stays at 5 s). Overdue moves
 * with the clock, so a refresh comes at least every POINTS_AT_LEAST_MS. While the map is not on screen nothing
 * is fetched; shown again, one refresh brings the difference.
 */
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import type { LiandongClient } from '../../app/client-context';
import { OneAtATime } from '../../../shared/one-at-a-time';
import { reportError } from '../../app/errors';
import { attachOverdueHalo, type OverdueHalo } from './overdue-halo';
import { applyPoints, changesSomething, overdueCoords, type HeldPoint } from './points-diff';
import { SCALED_PAINT, symbolScale, ticketLayers } from './map-style';

const POINTS_EVERY_MS = 5000;
const REDRAW_SHARE = 12;
const POINTS_EVERY_MAX_MS = 20_000;
const POINTS_AT_LEAST_MS = 60_000;
/**
 * Below the points' zoom open tickets are aggregated into clusters. At the district's own zoom (about 11) every
 * open ticket is its own point while there are up to DENSE_POINTS of them; a busier district is aggregated until
 * street zoom, where a screen holds a few hundred points (tens of thousands of single points cost a wall PC
 * without a GPU its frame rate).
 */
const SPARSE_POINTS_FROM_ZOOM = 11;
const DENSE_POINTS_FROM_ZOOM = 14;
const DENSE_POINTS = 5000;
const CLUSTER_RADIUS = 42;

/** What the map says under itself: how many points it shows, how many tickets have none, as of when. */
export type PointsShown = { points: number; unplaced: number; asOf: number };

export class PointsLayer {
  private readonly held = new Map<string, HeldPoint>();
  /** The version of the points held (undefined: ask for everything). */
  private version: string | undefined;
  private fromZoom = SPARSE_POINTS_FROM_ZOOM;
  private everyMs = POINTS_EVERY_MS;
  private lastAt = 0;
  private scale = symbolScale();
  private spaced: ReturnType<typeof setTimeout> | undefined;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  /** Measures the last refresh: from new points to the map idle again. */
  private drawn: (() => void) | undefined;
  private onScreen = false;
  private installed = false;
  private readonly halo: OverdueHalo;
  private readonly refreshes = new OneAtATime(() => this.refresh(), {
    onError: (e) => {
      this.version = undefined; // the next refresh asks for everything
      reportError(e);
    },
  });

  constructor(
    private readonly map: MapLibre,
    private readonly client: LiandongClient,
    haloCanvas: HTMLCanvasElement,
    private readonly onShown: (s: PointsShown) => void,
  ) {
    this.halo = attachOverdueHalo(map, haloCanvas, () => this.fromZoom, () => this.scale);
  }

  /** Add the source and its layers (on the map's load). */
  install(): void {
    this.fromZoom = this.sparseFrom();
    this.map.addSource('tickets', {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      cluster: true,
      clusterMaxZoom: this.fromZoom - 1,
      clusterRadius: CLUSTER_RADIUS,
      clusterProperties: { overdue: ['+', ['get', 'o']] },
      promoteId: 'no',
    });
    for (const l of ticketLayers(this.scale)) this.map.addLayer(l);
    this.installed = true;
    if (this.onScreen) void this.refreshes.ask();
  }

  /** The map is on screen: refresh now and keep current. */
  show(): void {
    this.onScreen = true;
    clearInterval(this.clockTimer);
    this.clockTimer = setInterval(() => void this.refreshes.ask(), POINTS_AT_LEAST_MS);
    if (this.installed) void this.refreshes.ask();
  }

  /** Off screen: no fetching until shown again (what is held stays). */
  hide(): void {
    this.onScreen = false;
    clearInterval(this.clockTimer);
    clearTimeout(this.spaced);
    this.spaced = undefined;
  }

  /** Tickets changed: refresh once the spacing since the last refresh is up. */
  ticketsChanged(): void {
    if (!this.onScreen || this.spaced) return;
    this.spaced = setTimeout(() => {
      this.spaced = undefined;
      void this.refreshes.ask();
    }, Math.max(0, this.lastAt + this.everyMs - Date.now()));
  }

  /** The panel changed size: single points from the zoom the district is shown at; symbols follow the type scale. */
  resized(): void {
    if (!this.installed) return;
    const sparse = this.sparseFrom();
    if (this.held.size <= DENSE_POINTS && sparse !== this.fromZoom) this.setFromZoom(sparse);
    const next = symbolScale();
    if (next === this.scale) return;
    this.scale = next;
    for (const l of ticketLayers(next)) for (const prop of SCALED_PAINT) if (l.type === 'circle' && l.paint?.[prop] !== undefined) this.map.setPaintProperty(l.id, prop, l.paint[prop]);
  }

  async dispose(): Promise<void> {
    this.hide();
    await this.refreshes.stop();
    if (this.drawn) this.map.off('idle', this.drawn);
    this.halo.dispose();
  }

  /** Single points from the zoom the whole district is shown at (a narrow panel fits it below street zoom 11). */
  private sparseFrom(): number {
    return Math.min(SPARSE_POINTS_FROM_ZOOM, Math.floor(this.map.getZoom()));
  }

  private setFromZoom(from: number): void {
    this.fromZoom = from;
    void (this.map.getSource('tickets') as GeoJSONSource).setClusterOptions({ cluster: true, clusterMaxZoom: from - 1, clusterRadius: CLUSTER_RADIUS });
  }

  private async refresh(): Promise<void> {
    const source = this.map.getSource('tickets') as GeoJSONSource | undefined;
    if (!source || !this.onScreen) return;
    const p = await this.client.call('map.points', this.version === undefined ? {} : { since: this.version });
    this.lastAt = Date.now();
    const change = applyPoints(this.held, p);
    this.version = p.version;
    const from = this.held.size > DENSE_POINTS ? DENSE_POINTS_FROM_ZOOM : this.sparseFrom();
    if (from !== this.fromZoom) this.setFromZoom(from);
    if (changesSomething(change)) {
      const drawFrom = performance.now();
      // A difference goes to the map's worker as one: tickets dropped, then points (re)added. Should the worker
      // fail to take it, the next refresh asks for everything again.
      const taken = 'full' in change ? source.setData({ type: 'FeatureCollection', features: change.full }) : source.updateData({ remove: change.remove, add: change.add });
      taken.catch((e: unknown) => {
        this.version = undefined;
        reportError(e);
      });
      if (this.drawn) this.map.off('idle', this.drawn);
      const drawn = () => {
        this.drawn = undefined;
        this.everyMs = Math.min(POINTS_EVERY_MAX_MS, Math.max(POINTS_EVERY_MS, (performance.now() - drawFrom) * REDRAW_SHARE));
      };
      this.drawn = drawn;
      this.map.once('idle', drawn);
      this.halo.setPoints(overdueCoords(this.held));
    }
    this.onShown({ points: this.held.size, unplaced: p.unplaced, asOf: p.asOf });
  }
}
