/**
 * The sub-district areas: shaded by their open tickets (share of the busiest area, in steps of 1/LOAD_STEPS so
 * that a change too small to see does not redraw the map), each labelled with its name and open count; labels
 * that would overlap a busier area's are hidden (label-collisions.ts). On a station's console only its own area
 * carries a count; the others show their names.
 */
import { Marker, type Map as MapLibre } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { MapPackInfo } from '../../../shared/contract/map';
import type { TicketCounts } from '../../../shared/contract';
import { subDistrictShortName } from '../../../shared/domain/divisions';
import { isSubDistrictArea } from '../../../shared/domain/map-pack';
import { keepApart } from './label-collisions';
import { AREA_LAYERS } from './map-style';

const LOAD_STEPS = 40;

export class AreaLabels {
  private readonly markers: Marker[] = [];
  /** Each area's shade as last set. */
  private readonly shaded = new Map<string, number>();
  private counts: TicketCounts['bySubDistrict'] | null = null;
  private readonly separate = () => this.separateLabels();

  constructor(
    private readonly map: MapLibre,
    private readonly pack: MapPackInfo,
    /** A station's own sub-district, or null on the centre's console. */
    private readonly own: string | null,
    private readonly placeName: (code: string) => string,
  ) {
    map.on('moveend', this.separate);
    map.on('resize', this.separate);
  }

  /** Add the areas' source, layers and labels (on the map's load). */
  install(): void {
    this.map.addSource('areas', { type: 'geojson', data: this.pack.pack as unknown as FeatureCollection, promoteId: 'code' });
    for (const l of AREA_LAYERS) this.map.addLayer(l);
    for (const f of this.pack.pack.features) {
      if (!isSubDistrictArea(f)) continue;
      const at = f.properties.labelLng !== undefined && f.properties.labelLat !== undefined ? ([f.properties.labelLng, f.properties.labelLat] as [number, number]) : centreOf(f.geometry);
      const el = document.createElement('div');
      // Another sub-district's area on a station's map: its name only (the station holds none of its tickets).
      const other = this.own !== null && f.properties.code !== this.own;
      el.className = other ? 'map-label map-label-other' : 'map-label';
      el.dataset.code = f.properties.code;
      el.innerHTML = other ? `<span class="map-label-name"></span>` : `<span class="map-label-name"></span><span class="map-label-count">·</span>`;
      el.querySelector('.map-label-name')!.textContent = subDistrictShortName(f.properties.code) === f.properties.code ? f.properties.name : this.placeName(f.properties.code);
      this.markers.push(new Marker({ element: el }).setLngLat(at).addTo(this.map));
    }
    if (this.counts) this.showCounts(this.counts);
  }

  /** The store's open tickets per sub-district (the counts the overview reads once for its tiles and this map). */
  showCounts(bySubDistrict: TicketCounts['bySubDistrict']): void {
    this.counts = bySubDistrict;
    if (!this.markers.length) return; // not loaded yet: shown on install
    const max = Math.max(1, ...bySubDistrict.map((s) => s.open));
    const known = new Set(this.markers.map((m) => m.getElement().dataset.code!));
    for (const s of bySubDistrict) {
      if (!known.has(s.code) || (this.own && s.code !== this.own)) continue;
      const load = Math.round((s.open / max) * LOAD_STEPS) / LOAD_STEPS;
      if (this.shaded.get(s.code) === load) continue;
      this.shaded.set(s.code, load);
      this.map.setFeatureState({ source: 'areas', id: s.code }, { load });
    }
    let moved = false;
    for (const m of this.markers) {
      const el = m.getElement();
      const code = el.dataset.code!;
      if (this.own && code !== this.own) continue;
      const open = String(bySubDistrict.find((s) => s.code === code)?.open ?? 0);
      if (el.dataset.open === open) continue;
      el.dataset.open = open;
      el.querySelector('.map-label-count')!.textContent = open;
      moved = true;
    }
    if (moved) this.separateLabels();
  }

  /** Hide area labels that would overlap a busier area's. */
  separateLabels(): void {
    const els = this.markers.map((m) => m.getElement()).sort((a, b) => Number(b.dataset.open ?? 0) - Number(a.dataset.open ?? 0));
    els.forEach((el) => (el.style.visibility = ''));
    const kept = keepApart(els.map((el) => el.getBoundingClientRect()));
    els.forEach((el, i) => (el.style.visibility = kept.has(i) ? '' : 'hidden'));
  }

  dispose(): void {
    this.map.off('moveend', this.separate);
    this.map.off('resize', this.separate);
    this.markers.forEach((m) => m.remove());
  }
}

function centreOf(g: MapPackInfo['pack']['features'][number]['geometry']): [number, number] {
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  let x = 0,
    y = 0;
  for (const p of ring) {
    x += p[0]!;
    y += p[1]!;
  }
  return [x / ring.length, y / ring.length];
}
