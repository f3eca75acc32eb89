/**
 * The wall's views in Chromium through the web host: the district map (points for open tickets placed, the count
 * of those not placed, 示意 on the built-in pack, a click opens the ticket's card), the KPI wall (the store's figures), settings (a bad map
 * pack is refused with its reason, a good one replaces the map, and back), and the playlist rotating views.
 */
import { closedHeat } from '../db/queries/map';
import { HEAT_CELL_DEG } from '../electron/core/map/map-service';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiSnapshot } from '../electron/core/kpi/kpi-service';
import { readWallSettings } from '../electron/core/handlers/settings';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';
import { generateTickets } from '../hub/demo/ticket-generator';
import { watchWebglContexts, webglContexts } from './support/webgl-contexts';

let browser: Browser;
let con: TestConsole;
beforeAll(async () => {
  con = await startTestConsole();
  // The demo raises its warning (its strip moves the views down): raised before any page opens, not under a click.
  await con.service.warnings.check();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

type MapHandle = {
  isSourceLoaded(id: string): boolean;
  project(p: [number, number]): { x: number; y: number };
  queryRenderedFeatures(p: [number, number], o: { layers: string[] }): { properties: { no: string } }[];
  getCanvas(): HTMLCanvasElement;
};

async function openWall(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(con.host.wallUrl + query);
  return page;
}
/** The map's count: the open tickets on it, and those it cannot show (not placed). */
async function mapNote(): Promise<string> {
  const { open } = await con.service.tickets.counts();
  const { n } = await con.service.store.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('lng', 'is', null).where('status', '<>', 'closed').executeTakeFirstOrThrow();
  return `在办 ${open - Number(n)} 件${Number(n) ? `，另有 ${n} 件未定位` : ''}`;
}
const mapReady = (page: Page) =>
  page.waitForFunction(() => {
    const map = (window as unknown as { __liandongMap?: MapHandle }).__liandongMap;
    return !!map && map.isSourceLoaded('tickets') && map.isSourceLoaded('areas');
  });

describe('the district map', () => {
  it('shows every open ticket as a point, says 示意 for the built-in pack, and opens a ticket from its point', async () => {
    const page = await openWall();
    await page.getByTestId('warning-card').first().waitFor();
    const counts = await con.service.tickets.counts();
    await expect.poll(() => page.getByTestId('map-count').textContent()).toBe(await mapNote());
    expect(await page.locator('.map-schematic').textContent()).toBe('示意');
    expect(await page.locator('.map-label').count()).toBe(16);
    await mapReady(page);
    // Every overdue open ticket has its halo (the whole district is in view).
    expect(counts.overdue).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('map-halo').getAttribute('data-halos')).toBe(String(counts.overdue));
    // The top-most point under an open ticket's position: clicking there opens that ticket's card.
    const points = (await con.service.store.selectFrom('tickets').select(['ticket_no', 'lng', 'lat']).where('status', '<>', 'closed').where('lng', 'is not', null).limit(20).execute()) as { ticket_no: string; lng: number; lat: number }[];
    const hit = await page.evaluate((pts) => {
      const map = (window as unknown as { __liandongMap: MapHandle }).__liandongMap;
      const box = map.getCanvas().getBoundingClientRect();
      for (const p of pts) {
        const { x, y } = map.project([p.lng, p.lat]);
        const f = map.queryRenderedFeatures([x, y], { layers: ['points'] })[0];
        if (f) return { no: f.properties.no, x: box.left + x, y: box.top + y };
      }
      return null;
    }, points);
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    await expect.poll(() => page.getByTestId('ticket-card').getAttribute('data-ticket-no')).toBe(hit!.no);
    await page.close();
  });

  it('follows the hub without a reload: a new ticket\'s point appears, a closed ticket\'s point goes', async () => {
    const page = await openWall();
    await mapReady(page);
    const before = await con.service.tickets.counts();
    const note = await mapNote();
    await expect.poll(() => page.getByTestId('map-count').textContent()).toBe(note);
    const open = await con.service.store.selectFrom('tickets').select('ticket_no').where('status', '=', 'dispatched').where('lng', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const closing = (await con.service.tickets.get(open.ticket_no)).ticket;
    const [fresh] = generateTickets(1, { seed: 777, now: Date.now(), spanMs: 0, startIndex: 9_000_777 });
    fresh!.ticket.status = 'received';
    expect(fresh!.ticket.placement).toBe('exact');
    await con.service.embedded!.hub.ingest([fresh!, { ticket: { ...closing, status: 'closed', satisfaction: 'satisfied', updatedAt: Date.now() }, timeline: [] }]);
    await con.service.sync.whenCursorAtLeast(con.service.embedded!.hub.store.head);
    expect((await con.service.tickets.counts()).open).toBe(before.open);
    const atPoint = (no: string, at: [number, number]) =>
      page.evaluate(
        ([n, p]) => {
          const map = (window as unknown as { __liandongMap: MapHandle }).__liandongMap;
          const { x, y } = map.project(p);
          return map.queryRenderedFeatures([x, y], { layers: ['points'] }).some((f) => f.properties.no === n);
        },
        [no, at] as const,
      );
    await expect.poll(() => atPoint(fresh!.ticket.ticketNo, [fresh!.ticket.lng!, fresh!.ticket.lat!]), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => atPoint(closing.ticketNo, [closing.lng!, closing.lat!]), { timeout: 30_000 }).toBe(false);
    expect(await page.getByTestId('map-count').textContent()).toBe(note);
    await page.close();
  });

  it('draws a 4K wall\'s points as large beside its text as a 1080p wall\'s', async () => {
    const radius = async (width: number, height: number) => {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(con.host.wallUrl);
      await mapReady(page);
      const r = await page.evaluate(() => (window as unknown as { __liandongMap: { getPaintProperty(l: string, p: string): unknown } }).__liandongMap.getPaintProperty('points', 'circle-radius'));
      await page.close();
      return r;
    };
    expect(await radius(1920, 1080)).toBe(5.5);
    expect(await radius(3840, 2160)).toBe(11);
  });

  it('shows closed history as heat, strongest where most tickets were closed', async () => {
    const page = await openWall();
    const heat = { cells: await closedHeat(con.service.store, Date.now() - 90 * 86_400_000, HEAT_CELL_DEG) };
    expect(heat.cells.length).toBeGreaterThan(0);
    const panel = page.getByTestId('district-map');
    await expect.poll(() => panel.getAttribute('data-heat-cells')).toBe(String(heat.cells.length / 3));
    // The busiest cell's pixel in the heat image is all but opaque.
    expect(Number(await panel.getAttribute('data-heat-peak'))).toBeGreaterThan(200);
    await page.close();
  });
});

describe('the KPI wall', () => {
  it('shows the store\'s figures: today, open, overdue, rates and the sub-district ranking', async () => {
    const page = await openWall();
    await page.getByTestId('view-kpi').click();
    const rows = page.getByTestId('kpi-ranking').locator('tbody tr');
    await rows.first().waitFor();
    const kpi = await kpiSnapshot(con.service.store, Date.now(), 30);
    const tile = (k: string) => page.getByTestId(`kpi-${k}`).locator('.tile-value').textContent();
    expect(await tile('todayIntake')).toBe(String(kpi.today.intake));
    expect(await tile('open')).toBe(String(kpi.open));
    expect(await tile('overdue')).toBe(String(kpi.overdue));
    expect(await tile('closedRate')).toBe(`${(kpi.rates.closedRate! * 100).toFixed(1)}%`);
    expect(await tile('satisfactionRate')).toBe(`${(kpi.rates.satisfactionRate! * 100).toFixed(1)}%`);
    expect(await rows.count()).toBe(16);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe('settings', () => {
  it('refuses a bad map pack with its reason, takes a GIS export, and goes back to the built-in map', async () => {
    const page = await openWall('&view=settings');
    const file = path.join(con.dataDir, 'bad.geojson');
    await writeFile(file, '{"type": "FeatureCollection", "features": [');
    await page.getByTestId('map-pack-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('map-pack-message').textContent()).toMatch(/地图包不是有效的 JSON/);
    expect(await page.getByTestId('map-pack-source').textContent()).toBe('内置示意图（崇川区 16 个街道）');
    // A bad outline is named by its area, in words — never as a path in the file's schema.
    const point = path.join(con.dataDir, 'point.geojson');
    await writeFile(point, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '320613003', name: '任港街道' }, geometry: { type: 'Point', coordinates: [120.85, 32.02] } }] }));
    await page.getByTestId('map-pack-file').setInputFiles(point);
    await expect.poll(() => page.getByTestId('map-pack-message').textContent()).toBe('地图包第 1 个区域的边界无效：须为闭合的多边形，经纬度在有效范围内');

    const good = path.join(con.dataDir, 'renggang.geojson');
    const sq = [[[120.84, 32.01], [120.86, 32.01], [120.86, 32.03], [120.84, 32.03], [120.84, 32.01]]];
    await writeFile(good, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '320613003', name: '任港街道' }, geometry: { type: 'Polygon', coordinates: sq } }] }));
    await page.getByTestId('map-pack-file').setInputFiles(good);
    await expect.poll(() => page.getByTestId('map-pack-source').textContent()).toBe('已载入本区 GIS 导出');
    expect(await page.getByTestId('map-pack-message').textContent()).toMatch(/地图包已载入：1 个区域 · 缺少以下街道的区域：.*城东街道/);

    await page.getByTestId('view-overview').click();
    await page.getByTestId('map-count').waitFor();
    expect(await page.locator('.map-label').count()).toBe(1);
    expect(await page.locator('.map-schematic').count()).toBe(0);

    await page.getByTestId('view-settings').click();
    await page.getByRole('button', { name: '恢复内置地图' }).click();
    await expect.poll(() => page.getByTestId('map-pack-source').textContent()).toBe('内置示意图（崇川区 16 个街道）');
    await page.close();
  });

  it('keeps one map across views: the same map and WebGL context, and back on the overview it asks only for what changed', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // Count the WebGL contexts the page makes that are still alive and not lost.
    await watchWebglContexts(page);
    // What the page asks the map for, as sent on its WebSocket.
    const asked: { since?: string }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        const m = JSON.parse(String(f.payload)) as { method?: string; input?: { since?: string } };
        if (m.method === 'map.points') asked.push(m.input ?? {});
      }),
    );
    await page.goto(con.host.wallUrl);
    await mapReady(page);
    await expect.poll(() => page.getByTestId('map-count').textContent()).toBe(await mapNote());
    await page.evaluate(() => ((window as unknown as { __liandongMap: { kept?: string } }).__liandongMap.kept = 'the first map'));
    const before = asked.length;
    for (const view of ['kpi', 'warnings', 'overview', 'kpi', 'overview']) {
      await page.getByTestId(`view-${view}`).click();
      await expect.poll(() => page.getByTestId(`view-${view}`).getAttribute('aria-pressed')).toBe('true');
    }
    await page.getByTestId('map-count').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __liandongMap: { kept?: string } }).__liandongMap.kept)).toBe('the first map');
    expect(await webglContexts(page)).toBe(1);
    // Shown again, the map asked for the difference since the version it holds — never for every point again.
    await expect.poll(() => asked.length).toBeGreaterThan(before);
    expect(asked.slice(before).every((input) => typeof input.since === 'string')).toBe(true);
    // And it is the whole map: as large as its panel, the points on it.
    const canvas = await page.evaluate(() => {
      const c = (window as unknown as { __liandongMap: MapHandle }).__liandongMap.getCanvas();
      const panel = document.querySelector('[data-testid="district-map"]')!.getBoundingClientRect();
      return { w: c.clientWidth, h: c.clientHeight, pw: Math.round(panel.width), ph: Math.round(panel.height) };
    });
    expect(Math.abs(canvas.w - canvas.pw)).toBeLessThanOrEqual(2);
    expect(Math.abs(canvas.h - canvas.ph)).toBeLessThanOrEqual(2);
    await page.close();
  });

  it('keeps the playlist setting, and the wall then rotates its views when nobody touches it', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.install();
    await page.goto(con.host.wallUrl + '&view=settings');
    await page.getByTestId('playlist-enabled').click(); // saved to the store, then shown as the store says
    await expect.poll(async () => (await readWallSettings(con.service.store)).playlist.enabled).toBe(true);
    await expect.poll(() => page.getByTestId('playlist-enabled').isChecked()).toBe(true);
    await page.getByTestId('view-kpi').click();
    await page.getByTestId('kpi-ranking').waitFor();
    // The interval (60 s by default) comes due a minute after the last touch: the next view.
    await page.clock.fastForward(61_000);
    await expect.poll(() => page.getByTestId('view-overview').getAttribute('aria-pressed')).toBe('true');
    await page.close();
    // Kept in the store: a new screen reads it.
    expect((await readWallSettings(con.service.store)).playlist).toMatchObject({ enabled: true, everySec: 60 });
  });
});
