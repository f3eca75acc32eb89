/**
 * The pulsing halo round overdue tickets, drawn on a 2D canvas laid over the map. The canvas is redrawn only
 * when the map draws a frame (a move or new data); the pulse itself is a CSS opacity animation of the whole
 * canvas, which the compositor runs without repainting the map. (A WebGL halo animated through a paint
 * property repaints the whole map several times a second; on a wall PC without a GPU each repaint costs the
 * page a tenth of a second.) At cluster zooms there are no single points, and a cluster holding overdue
 * tickets is red instead.
 */
import type { Map as MapLibre } from 'maplibre-gl';

export type OverdueHalo = { setPoints(coords: number[]): void; dispose(): void };

/** `scale`: the wall's symbol scale (the halo is 13 px across at 1920 × 1080). */
export function attachOverdueHalo(map: MapLibre, canvas: HTMLCanvasElement, pointsFromZoom: () => number, scale: () => number = () => 1): OverdueHalo {
  let coords: number[] = [];
  const ctx = canvas.getContext('2d')!;
  const draw = () => {
    const ratio = window.devicePixelRatio || 1;
    const { clientWidth: w, clientHeight: h } = canvas;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    canvas.dataset.halos = '0';
    if (map.getZoom() < pointsFromZoom() || !coords.length) return;
    const radius = 13 * scale();
    // A ring: clear in the middle so the point's status colour shows through.
    const glow = ctx.createRadialGradient(0, 0, 0, 0, 0, radius);
    glow.addColorStop(0, 'rgba(255, 59, 48, 0)');
    glow.addColorStop(0.45, 'rgba(255, 59, 48, 0.85)');
    glow.addColorStop(1, 'rgba(255, 59, 48, 0)');
    ctx.fillStyle = glow;
    let drawn = 0;
    for (let i = 0; i < coords.length; i += 2) {
      const p = map.project([coords[i]!, coords[i + 1]!]);
      if (p.x < -radius || p.y < -radius || p.x > w + radius || p.y > h + radius) continue;
      ctx.setTransform(ratio, 0, 0, ratio, p.x * ratio, p.y * ratio);
      ctx.beginPath();
      ctx.arc(0, 0, radius, 0, 2 * Math.PI);
      ctx.fill();
      drawn++;
    }
    canvas.dataset.halos = String(drawn);
  };
  map.on('render', draw);
  return {
    setPoints(next) {
      coords = next;
      draw();
    },
    dispose() {
      map.off('render', draw);
    },
  };
}
