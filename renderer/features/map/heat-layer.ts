/**
 * Closed history as heat: the last HEAT_DAYS days of closed tickets drawn once per refresh into an image
 * (heat-image.ts) under the points — not a heatmap layer, which re-drew every cell each frame.
 */
import type { ImageSource, Map as MapLibre } from 'maplibre-gl';
import type { MapPackInfo } from '../../../shared/contract/map';
import { OneAtATime } from '../../../shared/one-at-a-time';
import type { LiandongClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { drawHeatImage } from './heat-image';
import { HEAT_LAYER } from './map-style';

export const HEAT_DAYS = 90;
const HEAT_EVERY_MS = 300_000;

export type HeatShown = { cells: number; peak: number };

export class HeatLayer {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastAt = 0;
  private onScreen = false;
  private installed = false;
  private readonly refreshes = new OneAtATime(() => this.refresh(), { onError: reportError });

  constructor(
    private readonly map: MapLibre,
    private readonly client: LiandongClient,
    private readonly pack: MapPackInfo,
    private readonly onShown: (h: HeatShown) => void,
  ) {}

  /** On the map's load: draw now (if on screen). */
  install(): void {
    this.installed = true;
    if (this.onScreen) this.show();
  }

  /** On screen: draw if the last drawing is older than HEAT_EVERY_MS, then again every HEAT_EVERY_MS. */
  show(): void {
    this.onScreen = true;
    if (!this.installed) return;
    clearInterval(this.timer);
    if (Date.now() - this.lastAt >= HEAT_EVERY_MS) void this.refreshes.ask();
    this.timer = setInterval(() => void this.refreshes.ask(), HEAT_EVERY_MS);
  }

  /** Off screen: nothing fetched until shown again. */
  hide(): void {
    this.onScreen = false;
    clearInterval(this.timer);
  }

  async dispose(): Promise<void> {
    this.hide();
    await this.refreshes.stop();
  }

  private async refresh(): Promise<void> {
    const h = await this.client.call('map.heat', { days: HEAT_DAYS });
    this.lastAt = Date.now();
    const heat = drawHeatImage(h.cells, this.pack.bounds);
    const source = this.map.getSource('heat') as ImageSource | undefined;
    if (source) source.updateImage({ image: heat.image, coordinates: heat.coordinates });
    else {
      this.map.addSource('heat', { type: 'image', coordinates: heat.coordinates });
      (this.map.getSource('heat') as ImageSource).updateImage({ image: heat.image });
      this.map.addLayer(HEAT_LAYER, 'clusters');
    }
    this.onShown({ cells: h.cells.length / 3, peak: heat.peak });
  }
}
