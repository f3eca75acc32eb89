/**
 * Closed history as heat, drawn once into an image laid on the map (simpleheat: blurred discs summed, then
 * coloured by a palette) instead of maplibre's heatmap layer, which re-draws every cell into an offscreen
 * buffer on every frame. The heat changes every few minutes; frames come many times a second while the wall
 * pans — on a wall PC drawing WebGL in software the heatmap layer alone halved the map's frame rate.
 * The image covers the district (plus a margin) in Web Mercator, so it lines up with the map at every zoom;
 * a disc's radius is HEAT_RADIUS_M on the ground whatever the zoom.
 */
import { MercatorCoordinate } from 'maplibre-gl';
import simpleheat from 'simpleheat';

const IMAGE_WIDTH = 1600;
const HEAT_RADIUS_M = 350;
const HEAT_BLUR_SHARE = 0.5;
/** A cell is drawn at full strength from the count only 2 % of the cells exceed (at least MIN_FULL): the heat
 * shows where closings concentrated, on a quiet week as on a busy one. */
const FULL_QUANTILE = 0.98;
const MIN_FULL = 3;
const HEAT_PALETTE = { 0.3: '#1e6091', 0.6: '#52b69a', 1: '#d9ed92' };

export type HeatImage = {
  image: HTMLCanvasElement;
  coordinates: [[number, number], [number, number], [number, number], [number, number]];
  /** How strongly the busiest cell shows (its pixel's opacity, 0–255; 0 when there is no history). */
  peak: number;
};

/** `cells`: lng, lat, count triples. `bounds`: the district's west, south, east, north. */
export function drawHeatImage(cells: readonly number[], bounds: readonly [number, number, number, number]): HeatImage {
  const [w0, s0, e0, n0] = bounds;
  const mid = MercatorCoordinate.fromLngLat([(w0 + e0) / 2, (s0 + n0) / 2]);
  const unitsPerMetre = mid.meterInMercatorCoordinateUnits();
  const sw = MercatorCoordinate.fromLngLat([w0, s0]);
  const ne = MercatorCoordinate.fromLngLat([e0, n0]);
  // A margin of one disc round the district, so discs at its edge are not cut off.
  const margin = HEAT_RADIUS_M * 1.5 * unitsPerMetre;
  const x0 = sw.x - margin;
  const x1 = ne.x + margin;
  const y0 = ne.y - margin; // mercator y grows southwards
  const y1 = sw.y + margin;
  const scale = IMAGE_WIDTH / (x1 - x0);
  const canvas = document.createElement('canvas');
  canvas.width = IMAGE_WIDTH;
  canvas.height = Math.max(1, Math.round((y1 - y0) * scale));
  const points: [number, number, number][] = [];
  let busiest: [number, number, number] | undefined;
  for (let i = 0; i + 2 < cells.length; i += 3) {
    const m = MercatorCoordinate.fromLngLat([cells[i]!, cells[i + 1]!]);
    const p: [number, number, number] = [(m.x - x0) * scale, (m.y - y0) * scale, cells[i + 2]!];
    points.push(p);
    if (!busiest || p[2] > busiest[2]) busiest = p;
  }
  const r = HEAT_RADIUS_M * unitsPerMetre * scale;
  const counts = points.map((p) => p[2]).sort((a, b) => a - b);
  const full = Math.max(MIN_FULL, counts[Math.floor((counts.length - 1) * FULL_QUANTILE)] ?? 0);
  simpleheat(canvas)
    .data(points)
    .max(full)
    .radius(r * (1 - HEAT_BLUR_SHARE), r * HEAT_BLUR_SHARE)
    .gradient(HEAT_PALETTE)
    .draw(0.05);
  const corner = (x: number, y: number): [number, number] => {
    const ll = new MercatorCoordinate(x, y).toLngLat();
    return [ll.lng, ll.lat];
  };
  const peak = busiest ? canvas.getContext('2d')!.getImageData(Math.round(busiest[0]), Math.round(busiest[1]), 1, 1).data[3]! : 0;
  return { image: canvas, coordinates: [corner(x0, y0), corner(x1, y0), corner(x1, y1), corner(x0, y1)], peak };
}
