/**
 * One language at a time (Chromium, web host): every view walked in English fails on any Chinese character
 * outside the tickets' own data (marked with its lang), and in Chinese on any English word outside data, codes
 * and numbers — text, placeholders, titles, labels and select options alike. Settings' import tabs included.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';
import { raiseWarning } from './support/warning-matter';
import { CJK, englishWordsIn, uiTexts } from './support/wall-text';

let browser: Browser;
let con: TestConsole;
beforeAll(async () => {
  con = await startTestConsole();
  browser = await launchChromium();
  // A warning to show (its matter's tickets too).
  await raiseWarning(con, { subDistrict: '陈桥', category: 'parking', prefix: 'LANG', seed: 79 });
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

type Found = { view: string; text: string; where: string; bad: string };

/** Every view, with what it opens (a card, the sync panel, a warning's matter). */
async function walk(page: Page, check: (text: string) => string | null): Promise<Found[]> {
  const found: Found[] = [];
  const look = async (view: string) => {
    for (const x of await uiTexts(page)) {
      const bad = check(x.text);
      if (bad) found.push({ view, ...x, bad });
    }
  };
  await page.locator('[data-ticket]').first().waitFor();
  await page.getByTestId('count-open').locator('.tile-value').filter({ hasText: /\d/ }).waitFor();
  await page.locator('.map-label[data-open]').first().waitFor({ state: 'attached' });
  await look('overview');
  // A ticket with a history: dispatched to a unit, its card with timeline and actions.
  await page.locator('[data-ticket="LANG-0"]').click();
  await page.getByTestId('timeline').locator('li').first().waitFor();
  await look('card');
  await page.getByTestId('connection').click();
  await page.getByTestId('sync-panel').waitFor();
  await look('sync panel');
  for (let view of ['kpi', 'warnings', 'meeting', 'reports', 'audit', 'settings'] as string[]) {
    await page.getByTestId(`view-${view}`).click();
    if (view === 'kpi') await page.locator('.recharts-bar-rectangle').first().waitFor();
    if (view === 'warnings') {
      await page.getByTestId('warning-open').first().click();
      await page.getByTestId('matter-tickets').locator('li').first().waitFor();
    }
    if (view === 'audit') await page.getByTestId('audit-view').waitFor();
    if (view === 'reports') {
      await page.getByTestId('report-generate').click();
      await page.getByTestId('report-page').waitFor();
    }
    if (view === 'settings') await page.locator('.settings').waitFor();
    if (view === 'meeting') {
      // The form, then the meeting it calls (agenda, participants, decision form), then its end and minutes.
      const form = page.getByTestId('meeting-create');
      await form.locator('[data-ticket-no]').first().waitFor();
      await look('meeting: call one');
      await form.getByTestId('meeting-departments').fill('区城管局，区住建局');
      await form.getByTestId('meeting-create-start').click();
      const run = page.getByTestId('meeting-run');
      await run.getByTestId('agenda').locator('li').first().waitFor();
      await look('meeting: under way');
      await run.getByTestId('meeting-end').click();
      await look('meeting: confirm end');
      await run.getByTestId('meeting-end-yes').click();
      await page.getByTestId('meeting-create').waitFor();
      view = 'meeting: ended';
    }
    await look(view);
  }
  // 设置's tabs on the chair's desk: 导入工单 (with its past imports), 分类对照, 地名库.
  for (const [tab, shown] of [['import', 'import-past'], ['categoryMap', 'category-entries'], ['gazetteer', 'gazetteer-info']] as const) {
    await page.getByTestId(`settings-tab-${tab}`).click();
    await page.getByTestId(shown).waitFor();
    await look(`settings: ${tab}`);
  }
  return found;
}

describe('one language at a time', () => {
  it('in English, no Chinese character outside the tickets’ own data, on any view', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en' });
    await page.goto(`${con.host.wallUrl}&lang=en`);
    const found = await walk(page, (text) => (CJK.test(text) ? text.match(CJK)![0] : null));
    expect(found.map((f) => `${f.view} ${f.where}: ${f.text}`)).toEqual([]);
    await page.close();
  });

  it('in Chinese, no English word outside data, codes and numbers, on any view', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await page.goto(con.host.wallUrl);
    const found = await walk(page, (text) => englishWordsIn(text).join(' ') || null);
    expect(found.map((f) => `${f.view} ${f.where}: ${f.text}`)).toEqual([]);
    await page.close();
  });
});
