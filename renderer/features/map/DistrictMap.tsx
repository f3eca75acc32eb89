/**
 * The live district map (maplibre-gl, fully offline): sub-district areas shaded by open load, closed
 * history as heat, open tickets as points (status colour, whistle ring, overdue halo, 三跨 dot; hollow when placed
 * from the address, not the ticket's own coordinates), clustered at low zoom. Tickets not placed have no point:
 * the count says how many. Click a point → its ticket card; click a cluster → zoom in. Says 示意 for a schematic pack.
 */
import { Map as MapLibre, Marker, setWorkerUrl, type GeoJSONSource, type ImageSource, type MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { MapPackInfo, MapPoints } from '../../../shared/contract/map';
import { POINT_APPROXIMATE, POINT_CROSS, POINT_OVERDUE } from '../../../shared/contract/map';
import { subDistrictShortName } from '../../../shared/domain/divisions';
import { isSubDistrictArea } from '../../../shared/domain/map-pack';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { drawHeatImage } from './heat-image';
import { keepApart } from './label-collisions';
import { areaBounds } from './own-area';
import { attachOverdueHalo } from './overdue-halo';
import { AREA_LAYERS, EMPTY_STYLE, HEAT_LAYER, SCALED_PAINT, STATUS_COLOURS, symbolScale, ticketLayers } from './map-style';

setWorkerUrl(workerUrl);

/**
 * Points are refetched at most this often while tickets change (a busy feed changes them every second) — or
 * less often where redrawing them is slow: the wait is at least REDRAW_SHARE times what the last refresh took
 * until the map was idle again, up to POINTS_EVERY_MAX_MS. A wall PC drawing WebGL in software (no GPU) so
 * spends at most about a twelfth of its time on the points, and pushes to the stream are not held up behind
 * them; with a GPU the refresh is quick and the wait stays at 5 s.
 */
const POINTS_EVERY_MS = 5000;
const REDRAW_SHARE = 12;
const POINTS_EVERY_MAX_MS = 20_000;
/**
 * Below pointsFromZoom open tickets are aggregated into clusters. At the district's own zoom (about 11) every
 * open ticket is its own point while there are up to DENSE_POINTS of them; a busier district is aggregated
 * until street zoom, where a screen holds a few hundred points (tens of thousands of single points cost a wall
 * PC without a GPU its frame rate).
 */
const SPARSE_POINTS_FROM_ZOOM = 11;
const DENSE_POINTS_FROM_ZOOM = 14;
const DENSE_POINTS = 5000;
const CLUSTER_RADIUS = 42;
/** Overdue moves with the clock: refetch at least this often. */
const POINTS_AT_LEAST_MS = 60_000;
const HEAT_EVERY_MS = 300_000;
const LOAD_STEPS = 40;
/** Closed history shown as heat: the last this many days. */
const HEAT_DAYS = 90;

/** An open ticket as the map holds it. */
type HeldPoint = { lng: number; lat: number; s: number; w: number; f: number };

function toFeature(no: string, p: HeldPoint): Feature<Point> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { no, s: p.s, w: p.w, o: p.f & POINT_OVERDUE ? 1 : 0, x: p.f & POINT_CROSS ? 1 : 0, a: p.f & POINT_APPROXIMATE ? 1 : 0 } };
}

/**
 * Applies an answer of map.points to the points held (all of them, or the difference) and says what the map
 * source needs: everything again, or the tickets to drop and the points to (re)add.
 */
function applyPoints(held: Map<string, HeldPoint>, p: MapPoints): { full: Feature<Point>[] } | { remove: string[]; add: Feature<Point>[] } {
  if (p.full) held.clear();
  const remove: string[] = [];
  for (const no of p.removed) if (held.delete(no)) remove.push(no);
  const add: Feature<Point>[] = new Array(p.ticketNos.length);
  for (let i = 0; i < p.ticketNos.length; i++) {
    const no = p.ticketNos[i]!;
    const point = { lng: p.coords[2 * i]!, lat: p.coords[2 * i + 1]!, s: p.status[i]!, w: p.whistle[i]!, f: p.flags[i]! };
    if (held.has(no)) remove.push(no);
    held.set(no, point);
    add[i] = toFeature(no, point);
  }
  return p.full ? { full: add } : { remove, add };
}

function overdueCoords(held: Map<string, HeldPoint>): number[] {
  const out: number[] = [];
  for (const p of held.values()) if (p.f & POINT_OVERDUE) out.push(p.lng, p.lat);
  return out;
}

export function DistrictMap({ onSelect, selected = null, streamFiltered = false }: { onSelect: (ticketNo: string) => void; selected?: string | null; streamFiltered?: boolean }) {
  const { t, place } = useI18n();
  const mapRef = useRef<MapLibre | null>(null);
  const client = useClient();
  const box = useRef<HTMLDivElement>(null);
  const haloCanvas = useRef<HTMLCanvasElement>(null);
  const [pack, setPack] = useState<MapPackInfo | null>(null);
  const [shown, setShown] = useState<{ points: number; unplaced: number; asOf: number } | null>(null);
  const [heat, setHeat] = useState<{ cells: number; peak: number } | null>(null);
  /** The card's ticket has no point (not placed): the map says so instead of marking it. */
  const [selectedUnplaced, setSelectedUnplaced] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  // A station's console shows its own sub-district: the view fits it, and only its area carries a count.
  const app = useLiveQuery('app.info', {}, []).data;
  const own = app?.role === 'station' ? app.stationCode : null;

  useEffect(() => {
    let alive = true;
    client.call('map.pack', {}).then((p) => alive && setPack(p), reportError);
    const off = client.on('map.packChanged', (p) => setPack(p));
    return () => {
      alive = false;
      off();
    };
  }, [client]);

  useEffect(() => {
    if (!pack || !box.current || !app) return;
    /** What the view shows: the district, or a station's own sub-district. */
    const fitTo = (own && areaBounds(pack.pack, own)) || pack.bounds;
    const map = new MapLibre({
      container: box.current,
      style: EMPTY_STYLE,
      bounds: fitTo,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 18,
      locale: { 'Map.Title': t('map.title') },
    });
    (window as unknown as { __liandongMap?: MapLibre }).__liandongMap = map; // benchmarks and tests drive the map
    mapRef.current = map;
    // The panel changes size when a card opens or closes, not only with the window: the map follows it and
    // shows the whole district again (a map that kept its old size would be cropped).
    const resized = new ResizeObserver(() => {
      map.resize();
      map.fitBounds(fitTo, { padding: 24, animate: false });
      const sparse = sparseFrom();
      if (held.size <= DENSE_POINTS && sparse !== pointsFromZoom && map.getSource('tickets')) {
        pointsFromZoom = sparse;
        void (map.getSource('tickets') as GeoJSONSource).setClusterOptions({ cluster: true, clusterMaxZoom: sparse - 1, clusterRadius: CLUSTER_RADIUS });
      }
    });
    resized.observe(box.current);
    /** Single points from the zoom the whole district is shown at (a narrow panel fits it below street zoom 11). */
    const sparseFrom = () => Math.min(SPARSE_POINTS_FROM_ZOOM, Math.floor(map.getZoom()));
    const markers: Marker[] = [];
    /** Hide area labels that would overlap a busier area's (label-collisions.ts). */
    const separateLabels = () => {
      const els = markers.map((m) => m.getElement()).sort((a, b) => Number(b.dataset.open ?? 0) - Number(a.dataset.open ?? 0));
      els.forEach((el) => (el.style.visibility = ''));
      const kept = keepApart(els.map((el) => el.getBoundingClientRect()));
      els.forEach((el, i) => (el.style.visibility = kept.has(i) ? '' : 'hidden'));
    };
    map.on('moveend', separateLabels);
    map.on('resize', separateLabels);
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastPoints = 0;
    let pointsInFlight = false;
    let pointsAgain = false;
    let pointsFromZoom = SPARSE_POINTS_FROM_ZOOM;
    let pointsEveryMs = POINTS_EVERY_MS;
    /** The open tickets on the map, and the version of them to ask the difference since. */
    const held = new Map<string, HeldPoint>();
    let version: string | undefined;
    /** Each area's shade as last set. */
    const shaded = new Map<string, number>();
    /** Measures the last refresh: from new points to the map idle again. */
    let drawn: (() => void) | undefined;
    /** Symbol sizes follow the wall's type scale (a 4K wall's points as large beside its text as a 1080p wall's). */
    let scale = symbolScale();
    const halo = attachOverdueHalo(map, haloCanvas.current!, () => pointsFromZoom, () => scale);
    const rescale = () => {
      const next = symbolScale();
      if (next === scale || !map.getLayer('points')) return;
      scale = next;
      for (const l of ticketLayers(scale)) for (const prop of SCALED_PAINT) if (l.type === 'circle' && l.paint?.[prop] !== undefined) map.setPaintProperty(l.id, prop, l.paint[prop]);
    };
    map.on('resize', rescale);

    const loadPoints = async () => {
      if (pointsInFlight) {
        pointsAgain = true;
        return;
      }
      pointsInFlight = true;
      try {
        const source = map.getSource('tickets') as GeoJSONSource | undefined;
        if (!source) return;
        const p = await client.call('map.points', version === undefined ? {} : { since: version });
        if (!alive) return;
        lastPoints = Date.now();
        const change = applyPoints(held, p);
        version = p.version;
        const from = held.size > DENSE_POINTS ? DENSE_POINTS_FROM_ZOOM : sparseFrom();
        if (from !== pointsFromZoom) {
          pointsFromZoom = from;
          void source.setClusterOptions({ cluster: true, clusterMaxZoom: from - 1, clusterRadius: CLUSTER_RADIUS });
        }
        if ('full' in change || change.add.length || change.remove.length) {
          const drawFrom = performance.now();
          // A difference goes to the map's worker as one: tickets dropped, then points (re)added.
          // Should the worker fail to take it, the next refresh asks for everything again.
          const taken = 'full' in change ? source.setData({ type: 'FeatureCollection', features: change.full }) : source.updateData({ remove: change.remove, add: change.add });
          taken.catch((e: unknown) => {
            version = undefined;
            reportError(e);
          });
          if (drawn) map.off('idle', drawn);
          drawn = () => {
            drawn = undefined;
            pointsEveryMs = Math.min(POINTS_EVERY_MAX_MS, Math.max(POINTS_EVERY_MS, (performance.now() - drawFrom) * REDRAW_SHARE));
          };
          map.once('idle', drawn);
          halo.setPoints(overdueCoords(held));
        }
        // Shade each area by its open tickets (share of the busiest area).
        const bySub = new Map<string, number>();
        for (const f of pack.pack.features) if (isSubDistrictArea(f)) bySub.set(f.properties.code, 0);
        const counts = await client.call('tickets.counts', {});
        const max = Math.max(1, ...counts.bySubDistrict.map((s) => s.open));
        for (const s of counts.bySubDistrict) {
          if (!bySub.has(s.code) || (own && s.code !== own)) continue;
          // Shades in steps of 1/LOAD_STEPS: a change too small to see does not redraw the map.
          const load = Math.round((s.open / max) * LOAD_STEPS) / LOAD_STEPS;
          if (shaded.get(s.code) === load) continue;
          shaded.set(s.code, load);
          map.setFeatureState({ source: 'areas', id: s.code }, { load });
        }
        markers.forEach((m) => {
          const code = m.getElement().dataset.code!;
          if (own && code !== own) return;
          const open = counts.bySubDistrict.find((s) => s.code === code)?.open ?? 0;
          m.getElement().dataset.open = String(open);
          m.getElement().querySelector('.map-label-count')!.textContent = String(open);
        });
        separateLabels();
        setShown({ points: held.size, unplaced: p.unplaced, asOf: p.asOf });
      } catch (e) {
        version = undefined;
        reportError(e);
      } finally {
        pointsInFlight = false;
        if (pointsAgain && alive) {
          pointsAgain = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, lastPoints + pointsEveryMs - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        void loadPoints();
      }, wait);
    };
    const loadHeat = async () => {
      try {
        const h = await client.call('map.heat', { days: HEAT_DAYS });
        if (!alive) return;
        const heat = drawHeatImage(h.cells, pack.bounds);
        const source = map.getSource('heat') as ImageSource | undefined;
        if (source) source.updateImage({ image: heat.image, coordinates: heat.coordinates });
        else {
          map.addSource('heat', { type: 'image', coordinates: heat.coordinates });
          (map.getSource('heat') as ImageSource).updateImage({ image: heat.image });
          map.addLayer(HEAT_LAYER, 'clusters');
        }
        setHeat({ cells: h.cells.length / 3, peak: heat.peak });
      } catch (e) {
        reportError(e);
      }
    };

    map.on('load', () => {
      pointsFromZoom = sparseFrom();
      map.addSource('areas', { type: 'geojson', data: pack.pack as unknown as FeatureCollection, promoteId: 'code' });
      map.addSource('tickets', {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        cluster: true,
        clusterMaxZoom: pointsFromZoom - 1,
        clusterRadius: CLUSTER_RADIUS,
        clusterProperties: { overdue: ['+', ['get', 'o']] },
        promoteId: 'no',
      });
      for (const l of [...AREA_LAYERS, ...ticketLayers(scale)]) map.addLayer(l);
      for (const f of pack.pack.features) {
        if (!isSubDistrictArea(f)) continue;
        const at = f.properties.labelLng !== undefined && f.properties.labelLat !== undefined ? ([f.properties.labelLng, f.properties.labelLat] as [number, number]) : centreOf(f.geometry);
        const el = document.createElement('div');
        // Another sub-district's area on a station's map: its name only (the station holds none of its tickets).
        const other = own !== null && f.properties.code !== own;
        el.className = other ? 'map-label map-label-other' : 'map-label';
        el.dataset.code = f.properties.code;
        el.innerHTML = other ? `<span class="map-label-name"></span>` : `<span class="map-label-name"></span><span class="map-label-count">·</span>`;
        el.querySelector('.map-label-name')!.textContent = subDistrictShortName(f.properties.code) === f.properties.code ? f.properties.name : place(f.properties.code);
        markers.push(new Marker({ element: el }).setLngLat(at).addTo(map));
      }
      void loadPoints();
      void loadHeat();
    });
    map.on('click', 'points', (e) => {
      const no = (e.features?.[0] as MapGeoJSONFeature | undefined)?.properties?.no;
      if (typeof no === 'string') onSelectRef.current(no);
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

    const offChanged = client.on('tickets.changed', () => schedule());
    const clockTimer = setInterval(() => void loadPoints(), POINTS_AT_LEAST_MS);
    const heatTimer = setInterval(() => void loadHeat(), HEAT_EVERY_MS);
    return () => {
      alive = false;
      mapRef.current = null;
      resized.disconnect();
      offChanged();
      clearTimeout(timer);
      clearInterval(clockTimer);
      clearInterval(heatTimer);
      halo.dispose();
      markers.forEach((m) => m.remove());
      map.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, pack, app === undefined, own, place]);

  // The ticket whose card is open, marked where it is.
  useEffect(() => {
    const map = mapRef.current;
    setSelectedUnplaced(null);
    if (!selected || !map) return;
    let marker: Marker | undefined;
    let alive = true;
    client.call('tickets.get', { ticketNo: selected }).then(({ ticket }) => {
      if (!alive || mapRef.current !== map) return;
      // A ticket not placed has no point to mark.
      if (ticket.lng === null || ticket.lat === null) return setSelectedUnplaced(ticket.ticketNo);
      const el = document.createElement('div');
      el.className = 'map-selected';
      el.dataset.testid = 'map-selected';
      el.dataset.ticket = ticket.ticketNo;
      marker = new Marker({ element: el }).setLngLat([ticket.lng, ticket.lat]).addTo(map);
    }, reportError);
    return () => {
      alive = false;
      marker?.remove();
    };
  }, [client, selected, pack]);

  return (
    <div className="map-side">
    <section className="map-panel" aria-label={t('map.title')} data-testid="district-map" data-heat-cells={heat?.cells} data-heat-peak={heat?.peak}>
      <div ref={box} className="map-canvas" />
      <canvas ref={haloCanvas} className="map-halo" data-testid="map-halo" aria-hidden />
      {pack?.schematic && (
        <div className="map-schematic" title={t('map.schematicHint')}>
          {t('map.schematic')}
        </div>
      )}
      {selectedUnplaced && selectedUnplaced === selected && (
        <div className="map-note" data-testid="map-selected-unplaced" data-ticket={selectedUnplaced}>
          {t('map.selectedUnplaced')}
        </div>
      )}
      {shown && (
        <div className="map-count" data-testid="map-count">
          {t('map.openPoints', { n: shown.points })}
          {shown.unplaced > 0 && <span className="map-unplaced" data-testid="map-unplaced">{t('map.unplaced', { n: shown.unplaced })}</span>}
          {streamFiltered && <span className="map-unfiltered" data-testid="map-unfiltered">{t('map.unfiltered')}</span>}
        </div>
      )}
    </section>
      <ul className="map-legend" data-testid="map-legend">
        {(['received', 'dispatched', 'accepted', 'onSite', 'resolved', 'returned'] as const).map((s) => (
          <li key={s}>
            <i style={{ background: STATUS_COLOURS[s] }} />
            {t(`status.${s}`)}
          </li>
        ))}
        <li>
          <i className="ring ring-key" />
          {t('whistle.key')}
        </li>
        <li>
          <i className="ring ring-difficult" />
          {t('whistle.difficult')}
        </li>
        <li>
          <i className="halo" />
          {t('wall.overdue')}
        </li>
        <li>
          <i style={{ background: '#b26bff' }} />
          {t('cross.any')}
        </li>
        <li className="placement-key">
          <span data-testid="legend-exact">
            <i className="solid" />
            {t('map.exactKey')}
          </span>
          <span data-testid="legend-approximate">
            <i className="hollow" />
            {t('map.approximateKey')}
          </span>
        </li>
        <li className="heat-key">
          <i className="heat" />
          {t('map.heatKey', { days: HEAT_DAYS })}
        </li>
        <li className="load-key">
          <i className="load" />
          {t('map.loadKey')}
        </li>
      </ul>
    </div>
  );
}

function centreOf(g: MapPackInfo['pack']['features'][number]['geometry']): [number, number] {
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  let x = 0, y = 0;
  for (const p of ring) {
    x += p[0]!;
    y += p[1]!;
  }
  return [x / ring.length, y / ring.length];
}
