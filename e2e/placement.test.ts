/**
 * How a ticket was placed, as the wall shows it (Chromium, web host, a hub holding just three open tickets): one
 * with its own coordinates (a solid point), one placed from its address (a hollow point: a ring of its status
 * colour, no fill), one not placed (in the stream, no point; the map's count says so; its card says 未定位 and the
 * map marks nothing for it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokens } from '../hub/auth';
import { generateTickets } from '../hub/demo/ticket-generator';
import { SUB_DISTRICT_CENTRES } from '../hub/demo/places';
import { startHub, type Hub } from '../hub/hub-server';
import type { Ticket, TicketRecord } from '../shared/domain/ticket';
import { STATUS_COLOURS } from '../renderer/features/map/map-style';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';
import { remOf, wallTexts } from './support/wall-text';

let browser: Browser;
let hub: Hub;
let con: TestConsole;
const NOW = Date.now();
const at = (code: string) => SUB_DISTRICT_CENTRES[code]!;
const [a, b, c] = generateTickets(3, { now: NOW, seed: 15 });
/** Open, not overdue, routine, not 三跨: the points are drawn plain, without halo, whistle ring or dot. */
const open = (r: TicketRecord, no: string, patch: Partial<Ticket>): TicketRecord => ({
  ticket: { ...r.ticket, ticketNo: no, status: 'dispatched', whistleLevel: 'routine', cross: { region: false, level: false, department: false }, deadlineAt: NOW + 5 * 86_400_000, ...patch },
  timeline: [{ at: NOW - 60_000, kind: 'received', actor: '12345热线', note: '' }],
});
const exact = open(a!, 'PLACE-EXACT', { placement: 'exact', lng: at('320613003')[0], lat: at('320613003')[1], subDistrictCode: '320613003', communityCode: null });
const approx = open(b!, 'PLACE-COMPOUND', { placement: 'compound', lng: at('320613006')[0], lat: at('320613006')[1], subDistrictCode: '320613006', communityCode: null });
const unplaced = open(c!, 'PLACE-NONE', { placement: 'none', lng: null, lat: null, subDistrictCode: '320613008', communityCode: null });

beforeAll(async () => {
  hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
  expect(await hub.ingest([exact, approx, unplaced])).toBe(3);
  con = await startTestConsole({ LIANDONG_HUB_URL: hub.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token });
  await con.service.sync.whenCursorAtLeast(hub.store.head);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
  await hub?.close();
});

type MapHandle = {
  isSourceLoaded(id: string): boolean;
  loaded(): boolean;
  project(p: [number, number]): { x: number; y: number };
  queryRenderedFeatures(o: { layers: string[] }): { properties: { no: string; a: number } }[];
  getCanvas(): HTMLCanvasElement;
  getCanvasContainer(): HTMLElement;
  once(event: 'render', f: () => void): void;
  triggerRepaint(): void;
};

async function openWall(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(con.host.wallUrl);
  await page.locator('[data-ticket="PLACE-NONE"]').waitFor();
  return page;
}

/** The points drawn on the map: ticket number → approximate flag. */
const drawnPoints = (page: Page) =>
  page.evaluate(() => {
    const map = (window as unknown as { __liandongMap?: MapHandle }).__liandongMap;
    if (!map || !map.isSourceLoaded('tickets')) return {};
    return Object.fromEntries(map.queryRenderedFeatures({ layers: ['points'] }).map((f) => [f.properties.no, f.properties.a]));
  });

/** The map canvas's own pixels (no HTML over it) at a point and `dx` px right of it, read in the frame just drawn. */
const pixels = (page: Page, probes: { lngLat: [number, number]; dx: number }[]) =>
  page.evaluate(
    (ps) =>
      new Promise<number[][]>((resolve) => {
        const map = (window as unknown as { __liandongMap: MapHandle }).__liandongMap;
        map.once('render', () => {
          const canvas = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = canvas.width;
          copy.height = canvas.height;
          const ctx = copy.getContext('2d')!;
          ctx.drawImage(canvas, 0, 0);
          const dpr = canvas.width / canvas.clientWidth;
          resolve(ps.map(({ lngLat, dx }) => {
            const p = map.project(lngLat);
            return [...ctx.getImageData(Math.round((p.x + dx) * dpr), Math.round(p.y * dpr), 1, 1).data].slice(0, 3);
          }));
        });
        map.triggerRepaint();
      }),
    probes,
  );
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const distance = (x: number[], y: number[]) => Math.hypot(...x.map((v, i) => v - y[i]!));

describe('placement on the wall', () => {
  it('draws the exact ticket solid and the approximate one hollow, shows the unplaced one in the stream only, and counts it under the map', async () => {
    const page = await openWall();
    await expect.poll(() => drawnPoints(page)).toEqual({ 'PLACE-EXACT': 0, 'PLACE-COMPOUND': 1 });
    await expect.poll(() => page.getByTestId('map-count').textContent()).toBe('在办 2 件，另有 1 件未定位');
    expect(await page.getByTestId('legend-exact').textContent()).toBe('实心：精确定位');
    expect(await page.getByTestId('legend-approximate').textContent()).toBe('空心：按地址估计定位');

    // Pixels: the exact point is filled with its status colour; the hollow one has that colour on its ring only.
    const dispatched = rgb(STATUS_COLOURS.dispatched);
    const [exactCentre, hollowCentre, hollowRing] = await pixels(page, [
      { lngLat: [exact.ticket.lng!, exact.ticket.lat!], dx: 0 },
      { lngLat: [approx.ticket.lng!, approx.ticket.lat!], dx: 0 },
      { lngLat: [approx.ticket.lng!, approx.ticket.lat!], dx: 6.8 },
    ]);
    expect(distance(exactCentre!, dispatched), `exact centre ${exactCentre}`).toBeLessThan(40);
    expect(distance(hollowCentre!, dispatched), `hollow centre ${hollowCentre}`).toBeGreaterThan(120);
    expect(distance(hollowRing!, dispatched), `hollow ring ${hollowRing}`).toBeLessThan(60);
    await page.close();
  });

  it('says how each ticket was placed on its card, and marks none on the map for the unplaced', async () => {
    const page = await openWall();
    await page.locator('[data-ticket="PLACE-EXACT"]').click();
    await expect.poll(() => page.getByTestId('card-placement').textContent()).toBe('精确');
    await expect.poll(() => page.getByTestId('map-selected').getAttribute('data-ticket')).toBe('PLACE-EXACT');

    await page.locator('[data-ticket="PLACE-COMPOUND"]').click();
    await expect.poll(() => page.getByTestId('card-placement').textContent()).toBe('按小区');
    await expect.poll(() => page.getByTestId('map-selected').getAttribute('data-ticket')).toBe('PLACE-COMPOUND');

    await page.locator('[data-ticket="PLACE-NONE"]').click();
    await expect.poll(() => page.getByTestId('card-placement').textContent()).toBe('未定位');
    // The map has looked the ticket up and found no point: it says so, and marks nothing.
    await expect.poll(() => page.getByTestId('map-selected-unplaced').getAttribute('data-ticket')).toBe('PLACE-NONE');
    expect(await page.getByTestId('map-selected-unplaced').textContent()).toBe('所选工单未定位');
    expect(await page.getByTestId('map-selected').count()).toBe(0);
    // The map's notes are wall text (read from 5 m): at least --t-wall, like the rest of the overview.
    const rem = await remOf(page);
    const notes = (await wallTexts(page, '.map-panel')).filter((x) => /未定位/.test(x.text));
    expect(notes.map((x) => x.text).sort()).toEqual(['所选工单未定位', '，另有 1 件未定位']);
    expect(notes.filter((x) => x.px < 1.2 * rem - 0.05)).toEqual([]);

    // In English, the same.
    await page.goto(`${con.host.wallUrl}&lang=en`);
    await page.locator('[data-ticket="PLACE-COMPOUND"]').click();
    await expect.poll(() => page.getByTestId('card-placement').textContent()).toBe('By compound');
    await expect.poll(() => page.getByTestId('map-count').textContent()).toBe('2 open, 1 more not placed');
    await page.close();
  });
});
