/**
 * The map's offline style and layers: no remote tiles, glyphs or sprites (labels are HTML markers).
 * Colours follow the wall's palette: status fills, whistle-level rings (the overdue halo: overdue-halo.ts), a violet
 * dot for 三跨, areas shaded by open load, closed history as heat. A point placed from its address (approximate)
 * is hollow: a ring of its status colour, no fill, its whistle ring (if any) around that.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { TICKET_STATUSES } from '../../../shared/domain/status';
import { readRootFontSize } from '../../app/format';

export const STATUS_COLOURS: Record<(typeof TICKET_STATUSES)[number], string> = Object.fromEntries(
  TICKET_STATUSES.map((s) => [s, ({ received: '#3da5ff', dispatched: '#5b8cff', accepted: '#8f7bff', onSite: '#ffb020', resolved: '#2ecc71', closed: '#6b7a99', returned: '#ff7a45', reopened: '#ff7a45' } as Record<string, string>)[s] ?? '#cfd8ea']),
) as Record<(typeof TICKET_STATUSES)[number], string>;

export const EMPTY_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0a1424' } }],
};

const statusColour = ['match', ['get', 's'], ...TICKET_STATUSES.flatMap((s, i) => [i, STATUS_COLOURS[s]]), '#cfd8ea'] as unknown as string;
/** The point was placed from the address (POINT_APPROXIMATE): drawn hollow. */
const approximate: ExpressionSpecification = ['==', ['get', 'a'], 1];
const whistleColour: ExpressionSpecification = ['match', ['get', 'w'], 2, '#ff3b30', 1, '#ffb020', '#ffffff'];
/** Hollow points' ring, in px at 1080p (before the type scale): thick enough to read its colour from 5 m. */
export const HOLLOW_RING = 2.6;

export const AREA_LAYERS: LayerSpecification[] = [
  {
    id: 'areas-fill',
    type: 'fill',
    source: 'areas',
    filter: ['!=', ['get', 'kind'], 'district'],
    paint: {
      'fill-color': ['interpolate', ['linear'], ['coalesce', ['feature-state', 'load'], 0], 0, '#12233f', 0.5, '#1d3f6e', 1, '#7a2740'],
      'fill-opacity': 0.85,
    },
  },
  { id: 'areas-line', type: 'line', source: 'areas', filter: ['!=', ['get', 'kind'], 'district'], paint: { 'line-color': '#3b5f95', 'line-width': 1 } },
  { id: 'district-line', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'district'], paint: { 'line-color': '#8fb8ff', 'line-width': 2.5 } },
];

/** Closed history: an image drawn by heat-image.ts (the heat changes every few minutes, not every frame). */
export const HEAT_LAYER: LayerSpecification = {
  id: 'closed-heat',
  type: 'raster',
  source: 'heat',
  paint: { 'raster-opacity': 0.6, 'raster-fade-duration': 0, 'raster-resampling': 'linear' },
};

/**
 * Open tickets: clusters, points (status fill, whistle-level ring) and the 三跨 dot. Sizes are in px for a
 * 1920-wide wall; `k` scales them with the wall's type (root font size ÷ 20), so a 4K wall's points are as
 * large beside its text as a 1080p wall's.
 */
export function ticketLayers(k: number): LayerSpecification[] {
  return [
    {
      id: 'clusters',
      type: 'circle',
      source: 'tickets',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': ['case', ['>', ['get', 'overdue'], 0], '#c0392b', '#2b7fff'],
        'circle-opacity': 0.75,
        'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 9 * k, 100, 18 * k, 2000, 34 * k],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': k,
        'circle-stroke-opacity': 0.6,
      },
    },
    {
      // The whistle ring of a hollow point, around its status ring (an exact point's whistle ring is its stroke).
      id: 'points-approximate-whistle',
      type: 'circle',
      source: 'tickets',
      filter: ['all', ['!', ['has', 'point_count']], approximate, ['>', ['get', 'w'], 0]],
      paint: {
        'circle-opacity': 0,
        'circle-radius': (5.5 + HOLLOW_RING) * k,
        'circle-stroke-color': whistleColour,
        'circle-stroke-width': ['match', ['get', 'w'], 2, 3 * k, 2.2 * k],
      },
    },
    {
      id: 'points',
      type: 'circle',
      source: 'tickets',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': statusColour,
        // Hollow: no fill, and a ring of the status colour (maplibre draws strokes outside the radius).
        'circle-opacity': ['case', approximate, 0, 1],
        'circle-radius': 5.5 * k,
        'circle-stroke-color': ['case', approximate, statusColour, whistleColour],
        'circle-stroke-width': ['case', approximate, HOLLOW_RING * k, ['match', ['get', 'w'], 2, 3 * k, 1, 2.2 * k, 0.6 * k]],
      },
    },
    {
      id: 'cross-mark',
      type: 'circle',
      source: 'tickets',
      filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'x'], 1]],
      paint: { 'circle-color': '#b26bff', 'circle-radius': 3 * k, 'circle-translate': [6 * k, -6 * k], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.8 * k },
    },
  ];
}

/** The size-bearing paint properties of the ticket layers, to rescale them in place. */
export const SCALED_PAINT = ['circle-radius', 'circle-stroke-width', 'circle-translate'] as const;

/** The wall's type scale: its root font size ÷ 20 (the size at 1920 × 1080). */
export function symbolScale(): number {
  return Math.min(3, Math.max(0.6, readRootFontSize() / 20));
}
