/**
 * The wall read from 5 m (Chromium, web host): the type rule (every text meant for the wall at least --t-wall:
 * 24 px at 1920×1080, 48 px at 3840×2160, charts included; desk controls at least --t-desk) and the layout rule
 * (warnings never cover the figures or the map; an open card never hides the stream's columns nor crops the map;
 * the complaint text is always shown).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';
import { raiseWarning } from './support/warning-matter';
import { overlap, rectsOf, remOf, wallTexts } from './support/wall-text';

let browser: Browser;
let con: TestConsole;
beforeAll(async () => {
  con = await startTestConsole();
  browser = await launchChromium();
  // A matter above the default rule: a warning shows; its tickets are three hours overdue.
  await raiseWarning(con, { subDistrict: '幸福', category: 'greeneryDamage', prefix: 'READ', seed: 78, patch: { deadlineAt: Date.now() - 3 * 3_600_000 } });
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

async function openWall(width: number, height: number, lang: 'zh-CN' | 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, locale: lang });
  await page.goto(`${con.host.wallUrl}${lang === 'en' ? '&lang=en' : ''}`);
  await page.locator('[data-ticket]').first().waitFor();
  await page.getByTestId('warning-card').first().waitFor();
  await page.getByTestId('count-open').locator('.tile-value').filter({ hasText: /\d/ }).waitFor();
  await page.locator('.map-label[data-open]').first().waitFor({ state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Whether the map shows all of the district (its areas' extent projected into the canvas). */
function districtInView(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    type M = { getSource(id: string): { getData(): Promise<{ features: { geometry: { coordinates: unknown } }[] }> }; project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement };
    const map = (window as unknown as { __liandongMap: M }).__liandongMap;
    const data = await map.getSource('areas').getData();
    const xs: number[] = [];
    const ys: number[] = [];
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        xs.push(c[0] as number);
        ys.push(c[1] as number);
      } else if (Array.isArray(c)) c.forEach(walk);
    };
    data.features.forEach((f) => walk(f.geometry.coordinates));
    const canvas = map.getCanvas().getBoundingClientRect();
    const corners: [number, number][] = [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
    return corners.every(([x, y]) => {
      const p = map.project([x, y]);
      return p.x >= -1 && p.y >= -1 && p.x <= canvas.width + 1 && p.y <= canvas.height + 1;
    });
  });
}

/** Texts under the least size, as "where 'text' px" lines (empty when the rule holds). */
async function tooSmall(page: Page): Promise<string[]> {
  const rem = await remOf(page);
  return (await wallTexts(page)).filter((x) => x.px < (x.desk ? 0.9 : 1.2) * rem - 0.05).map((x) => `${x.where} '${x.text}' ${x.px}px (${x.desk ? 'desk' : 'wall'})`);
}

describe('the wall type rule', () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    it(`every text meant for the wall is at least 1.2 rem at ${width}×${height}: overview with warnings and a card, KPIs with their charts, warnings, a meeting under way`, async () => {
      const page = await openWall(width, height, 'zh-CN');
      expect(await remOf(page)).toBe(width / 96);
      await page.locator('[data-ticket="READ-0"]').click();
      await page.getByTestId('card-overdue').waitFor();
      expect(await tooSmall(page)).toEqual([]);
      await page.getByTestId('view-kpi').click();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await page.locator('.recharts-label').first().waitFor();
      const kpiTexts = await wallTexts(page);
      // The charts' own text (axis ticks, value labels, legend) is measured too.
      expect(kpiTexts.filter((x) => x.where.startsWith('tspan') || x.where.startsWith('text')).length).toBeGreaterThan(20);
      expect(await tooSmall(page)).toEqual([]);
      await page.getByTestId('view-warnings').click();
      await page.getByTestId('warning-open').first().click();
      await page.getByTestId('matter-tickets').locator('li').first().waitFor();
      expect(await tooSmall(page)).toEqual([]);
      // A meeting under way, as the wall shows it to the room (its forms are desk controls).
      await page.getByTestId('view-meeting').click();
      await page.locator('[data-testid="meeting-create"], [data-testid="meeting-run"]').first().waitFor();
      const form = page.getByTestId('meeting-create');
      if (await form.count()) {
        await form.locator('[data-ticket-no]').first().waitFor();
        const onForm = await tooSmall(page);
        expect(onForm, onForm.join('\n')).toEqual([]);
        await form.getByTestId('meeting-create-start').click();
      }
      await page.getByTestId('meeting-run').getByTestId('agenda').locator('li').first().waitFor();
      const small = await tooSmall(page);
      expect(small, small.join('\n')).toEqual([]);
      // The audit trail is a desk view: its controls and table at least --t-desk.
      await page.getByTestId('view-audit').click();
      await page.getByTestId('audit-view').waitFor();
      const onAudit = await tooSmall(page);
      expect(onAudit, onAudit.join('\n')).toEqual([]);
      await page.close();
    });
  }
});

describe('the wall layout rule', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`warnings never cover the figures, the map or the stream; a card never hides the stream's columns nor crops the map (${lang})`, async () => {
      const page = await openWall(1920, 1080, lang);
      // The header holds all it has on one line, the language switch and the clock inside the screen.
      for (const sel of ['[data-testid="language-switch"]', '.clock', '.wall-header h1']) {
        const [r] = await rectsOf(page, sel);
        expect(r!.right, sel).toBeLessThanOrEqual(1920);
      }
      const [header] = await rectsOf(page, '.wall-header');
      expect(header!.height).toBeLessThan(5 * (await remOf(page))); // one line of items (the clock is two lines of type)
      const cards = await rectsOf(page, '[data-testid="warning-card"]');
      expect(cards.length).toBeGreaterThan(0);
      const covered = [...(await rectsOf(page, '.counts .tile')), ...(await rectsOf(page, '.map-panel')), ...(await rectsOf(page, '.stream'))];
      expect(covered.length).toBe(6);
      for (const c of cards) for (const r of covered) expect(overlap(c, r)).toBe(false);

      const rem = await remOf(page);
      const checkStreamAndMap = async () => {
        const [scroll] = await rectsOf(page, '[data-testid="stream-scroll"]');
        // Every header cell inside the stream, the complaint's column at least 14 rem, its text shown.
        for (const th of await rectsOf(page, '.tickets th')) expect(th.right).toBeLessThanOrEqual(scroll!.right + 0.5);
        const [sum] = await rectsOf(page, '.tickets th.c-summary');
        expect(sum!.width).toBeGreaterThanOrEqual(14 * rem - 1);
        const [text] = await rectsOf(page, '[data-ticket] [data-testid="row-summary"]');
        expect(text!.width).toBeGreaterThan(10 * rem);
        // The map's canvas is as large as its panel (a map that kept its old size would be cropped).
        await expect.poll(async () => {
          const [box] = await rectsOf(page, '.map-canvas');
          const [canvas] = await rectsOf(page, '.map-canvas canvas.maplibregl-canvas');
          return [Math.abs(Math.round(canvas!.width - box!.width)), Math.abs(Math.round(canvas!.height - box!.height))];
        }).toEqual([0, 0]);
        // …and shows the whole district: every corner of the areas' extent projects inside the canvas.
        await expect.poll(() => districtInView(page)).toBe(true);
      };
      await checkStreamAndMap();
      await page.locator('[data-ticket="READ-0"]').click();
      await page.getByTestId('ticket-card').waitFor();
      await checkStreamAndMap();
      const [card] = await rectsOf(page, '[data-testid="ticket-card"]');
      for (const r of [...(await rectsOf(page, '.stream')), ...(await rectsOf(page, '.map-panel')), ...(await rectsOf(page, '.counts .tile'))]) expect(overlap(card!, r)).toBe(false);
      // The card's ticket is marked on the map, inside it.
      const [marker] = await rectsOf(page, '[data-testid="map-selected"]');
      const [panel] = await rectsOf(page, '.map-panel');
      expect(marker!.left >= panel!.left && marker!.right <= panel!.right && marker!.top >= panel!.top && marker!.bottom <= panel!.bottom).toBe(true);
      // The card says how long the ticket has been overdue.
      expect(await page.getByTestId('card-overdue').textContent()).toBe(lang === 'en' ? 'Overdue 3 h' : '超期3小时');

      await page.getByTestId('view-kpi').click();
      await page.getByTestId('kpi-overdue').waitFor();
      for (const c of await rectsOf(page, '[data-testid="warning-card"]')) for (const r of await rectsOf(page, '.kpi-tiles .tile, .kpi-chart')) expect(overlap(c, r)).toBe(false);
      await page.close();
    });
  }
});
