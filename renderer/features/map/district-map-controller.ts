/**
 * The district map as a service outside React (as Grafana keeps its playlist in one): created on its first
 * showing and kept across view changes and playlist rotations, so a wall that rotates its views does not build
 * WebGL again and refetch every point each time. React only lends it a place on the page (`attach`) and takes it
 * back (`detach`); while detached the map keeps what it holds and fetches nothing, and shown again it asks for
 * the difference since. Each concern is its own part: the areas and their labels (area-labels.ts), the points
 * (points-layer.ts), the heat (heat-layer.ts), the halo (overdue-halo.ts); here the map's set-up, its size, the
 * card's ticket marked, clicks.
 */
import { Map as MapLibre, Marker, setWorkerUrl, type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Point } from 'geojson';
import type { MapPackInfo } from '../../../shared/contract/map';
import type { TicketCounts } from '../../../shared/contract';
import type { LiandongClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { TICKET_EVENTS } from '../../app/ticket-events';
import { AreaLabels } from './area-labels';
import { HeatLayer, type HeatShown } from './heat-layer';
import { areaBounds } from './own-area';
import { PointsLayer, type PointsShown } from './points-layer';
import { EMPTY_STYLE } from './map-style';

setWorkerUrl(workerUrl);

export type DistrictMapSetup = {
  client: LiandongClient;
  pack: MapPackInfo;
  /** A station's own sub-district (the view fits it, only its area carries a count), or null. */
  own: string | null;
  /** The map's accessible title, in the screen's language. */
  title: string;
  placeName: (code: string) => string;
};

/** What the component shows around the map. */
export type DistrictMapState = { shown: PointsShown | null; heat: HeatShown | null; selectedUnplaced: string | null };

export class DistrictMapController {
  /** Lent to the page on attach: the map's canvas and the overdue halo over it. */
  readonly element: HTMLDivElement;
  private readonly mapBox: HTMLDivElement;
  private readonly haloCanvas: HTMLCanvasElement;
  private map: MapLibre | null = null;
  private points: PointsLayer | null = null;
  private areas: AreaLabels | null = null;
  private heat: HeatLayer | null = null;
  private resizes: ResizeObserver | null = null;
  private readonly offs: (() => void)[] = [];
  private state: DistrictMapState = { shown: null, heat: null, selectedUnplaced: null };
  private readonly listeners = new Set<() => void>();
  private selection: { ticketNo: string; marker: Marker | null } | null = null;
  private pendingCounts: TicketCounts['bySubDistrict'] | null = null;
  /** Where a click on a point goes (the component's current handler). */
  onSelect: (ticketNo: string) => void = () => {};

  constructor(private readonly setup: DistrictMapSetup) {
    this.element = document.createElement('div');
    this.element.className = 'map-host';
    this.mapBox = document.createElement('div');
    this.mapBox.className = 'map-canvas';
    this.haloCanvas = document.createElement('canvas');
    this.haloCanvas.className = 'map-halo';
    this.haloCanvas.dataset.testid = 'map-halo';
    this.haloCanvas.setAttribute('aria-hidden', 'true');
    this.element.append(this.mapBox, this.haloCanvas);
  }

  /** Show the map in `host` (built the first time, when it has a size to fit the district in). */
  attach(host: HTMLElement): void {
    host.append(this.element);
    if (!this.map) this.build();
    else this.map.resize();
    this.points!.show();
    this.heat!.show();
  }

  /** Take the map off the page, keeping it. */
  detach(): void {
    this.points?.hide();
    this.heat?.hide();
    this.element.remove();
  }

  /** Open tickets per sub-district, from the overview's one read of the counts. */
  showCounts(bySubDistrict: TicketCounts['bySubDistrict']): void {
    if (this.areas) this.areas.showCounts(bySubDistrict);
    else this.pendingCounts = bySubDistrict;
  }

  /** Mark the ticket whose card is open (null: none); a ticket not placed is said instead. */
  select(ticketNo: string | null): void {
    if (this.selection?.ticketNo === ticketNo) return;
    this.selection?.marker?.remove();
    this.selection = ticketNo ? { ticketNo, marker: null } : null;
    this.update({ selectedUnplaced: null });
    if (!ticketNo) return;
    const asked = this.selection!;
    this.setup.client.call('tickets.get', { ticketNo }).then(({ ticket }) => {
      if (this.selection !== asked || !this.map) return;
      if (ticket.lng === null || ticket.lat === null) return this.update({ selectedUnplaced: ticket.ticketNo });
      const el = document.createElement('div');
      el.className = 'map-selected';
      el.dataset.testid = 'map-selected';
      el.dataset.ticket = ticket.ticketNo;
      asked.marker = new Marker({ element: el }).setLngLat([ticket.lng, ticket.lat]).addTo(this.map);
    }, reportError);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DistrictMapState => this.state;

  dispose(): void {
    this.detach();
    this.offs.forEach((off) => off());
    this.resizes?.disconnect();
    this.selection?.marker?.remove();
    this.areas?.dispose();
    const map = this.map;
    const parts = [this.points?.dispose(), this.heat?.dispose()];
    this.map = null;
    // The map goes once its parts have stopped (a refresh in flight finishes against it).
    void Promise.all(parts).then(() => map?.remove());
    const w = window as unknown as { __liandongMap?: MapLibre };
    if (w.__liandongMap === map) delete w.__liandongMap;
  }

  private update(change: Partial<DistrictMapState>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((l) => l());
  }

  private build(): void {
    const { pack, own, client } = this.setup;
    /** What the view shows: the district, or a station's own sub-district. */
    const fitTo = (own && areaBounds(pack.pack, own)) || pack.bounds;
    const map = new MapLibre({
      container: this.mapBox,
      style: EMPTY_STYLE,
      bounds: fitTo,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 18,
      locale: { 'Map.Title': this.setup.title },
    });
    this.map = map;
    (window as unknown as { __liandongMap?: MapLibre }).__liandongMap = map; // benchmarks and tests drive the map
    this.areas = new AreaLabels(map, pack, own, this.setup.placeName);
    this.points = new PointsLayer(map, client, this.haloCanvas, (shown) => this.update({ shown }));
    this.heat = new HeatLayer(map, client, pack, (heat) => this.update({ heat }));
    // The panel changes size when a card opens or closes, not only with the window: the map follows it and shows
    // the whole district again (a map that kept its old size would be cropped). Off the page it has no size.
    this.resizes = new ResizeObserver(() => {
      if (!this.mapBox.clientWidth || !this.mapBox.clientHeight) return;
      map.resize();
      map.fitBounds(fitTo, { padding: 24, animate: false });
      this.points?.resized();
    });
    this.resizes.observe(this.mapBox);
    map.on('load', () => {
      this.areas!.install();
      this.points!.install();
      this.heat!.install();
      if (this.pendingCounts) this.areas!.showCounts(this.pendingCounts);
      this.pendingCounts = null;
    });
    map.on('click', 'points', (e) => {
      const no = (e.features?.[0] as MapGeoJSONFeature | undefined)?.properties?.no;
      if (typeof no === 'string') this.onSelect(no);
    });
    map.on('click', 'clusters', async (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const zoom = await (map.getSource('tickets') as GeoJSONSource).getClusterExpansionZoom(f.properties!.cluster_id as number);
      map.easeTo({ center: (f.geometry as Point).coordinates as [number, number], zoom });
    });
    for (const layer of ['points', 'clusters']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    for (const event of TICKET_EVENTS) this.offs.push(client.on(event, () => this.points?.ticketsChanged()));
  }
}

/**
 * The one map of the page, kept while its set-up stays the same (the same client, station, language and map
 * pack — by content: a pack read again after a reconnection is the same pack); another set-up replaces it.
 */
let kept: { key: string; client: LiandongClient; controller: DistrictMapController } | null = null;

export function districtMap(setup: DistrictMapSetup, language: string): DistrictMapController {
  const key = JSON.stringify([setup.own, language, setup.pack]);
  if (kept && kept.key === key && kept.client === setup.client) return kept.controller;
  kept?.controller.dispose();
  kept = { key, client: setup.client, controller: new DistrictMapController(setup) };
  return kept.controller;
}
