/**
 * The wall in Chromium through the web host: it shows the tickets in the store, a ticket added
 * through the core appears without a reload, and a screen without the token says it is not live.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

let browser: Browser;
let con: TestConsole;

beforeAll(async () => {
  con = await startTestConsole();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

async function openWall(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(url);
  return page;
}

describe('wall shell in Chromium (web host)', () => {
  it('shows the live ticket list from the store, newest first, with counts', async () => {
    const page = await openWall(con.host.wallUrl);
    const newest = (await con.service.tickets.list({ limit: 3 })).items;
    const rows = page.locator('[data-testid=ticket-list] tbody tr[data-ticket]');
    await expect.poll(() => rows.first().getAttribute('data-ticket')).toBe(newest[0]!.ticketNo);
    expect(await rows.nth(1).getAttribute('data-ticket')).toBe(newest[1]!.ticketNo);
    await expect.poll(() => page.getByTestId('stream-total').textContent()).toBe('共 800 件');
    const counts = await con.service.tickets.counts();
    expect(await page.getByTestId('count-open').locator('.tile-value').textContent()).toBe(String(counts.open));
    expect(await page.getByTestId('connection').textContent()).toContain('在线');
    expect(await page.getByTestId('connection').textContent()).toContain('演示数据');
    await page.close();
  });

  it('shows a ticket the hub records without a reload', async () => {
    const page = await openWall(con.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    const [fresh] = generateTickets(1, { seed: 4242, now: Date.now() + 60_000, spanMs: 0, startIndex: 9_000_001 });
    fresh!.ticket.summary = '景华城2幢电梯频繁损坏,要求彻底修复';
    await con.service.embedded!.hub.ingest([fresh!]);

    const row = page.locator(`[data-ticket="${fresh!.ticket.ticketNo}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('景华城2幢电梯频繁损坏');
    expect(await page.locator('tbody tr[data-ticket]').first().getAttribute('data-ticket')).toBe(fresh!.ticket.ticketNo);
    expect(await row.getAttribute('class')).toContain('fresh');
    await expect.poll(() => page.getByTestId('stream-total').textContent()).toBe('共 801 件');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await page.close();
  });

  it('filters the stream by whistle level, 三跨, overdue, sub-district and text, as the store answers', async () => {
    const page = await openWall(con.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    const total = page.getByTestId('stream-total');
    const expectTotal = async (q: Omit<Parameters<typeof con.service.tickets.list>[0], 'limit'>) => {
      const n = (await con.service.tickets.list({ ...q, limit: 1 })).total;
      expect(n).toBeGreaterThan(0);
      await expect.poll(() => total.textContent()).toBe(`共 ${n} 件`);
    };
    const rows = page.locator('[data-testid=ticket-list] tbody tr[data-ticket]');
    const filters = page.getByTestId('stream-filters');

    await filters.getByRole('button', { name: '疑难哨' }).click();
    await expectTotal({ whistleLevel: ['difficult'] });
    expect(new Set(await rows.locator('[data-whistle]').evaluateAll((els) => els.map((e) => e.getAttribute('data-whistle'))))).toEqual(new Set(['difficult']));

    await filters.getByRole('button', { name: '疑难哨' }).click();
    await filters.getByRole('button', { name: '三跨' }).click();
    await expectTotal({ crossOnly: true });
    expect(await rows.count()).toBe(await rows.filter({ has: page.locator('.cross-tag') }).count());

    await filters.getByRole('button', { name: '三跨' }).click();
    await filters.getByRole('button', { name: '超期', exact: true }).click();
    await expectTotal({ overdueOnly: true });
    expect(await rows.count()).toBe(await page.locator('tr.overdue').count());

    // 即将超期: every row says how long it has left.
    await filters.getByRole('button', { name: '超期', exact: true }).click();
    await filters.getByTestId('filter-due-soon').click();
    await expectTotal({ dueSoonOnly: true });
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBe(await rows.filter({ has: page.getByTestId('row-due-soon') }).count());
    for (const tag of await rows.getByTestId('row-due-soon').allTextContents()) expect(tag).toMatch(/^余\d+(分钟|小时)$/);

    await filters.getByTestId('filter-due-soon').click();
    await filters.getByLabel('街道').selectOption('320613003');
    await expectTotal({ subDistrictCode: ['320613003'] });
    expect(new Set(await rows.locator('.c-subDistrict').allTextContents())).toEqual(new Set(['任港']));

    await filters.getByRole('button', { name: '清除筛选' }).click();
    await filters.getByLabel('搜索编号、内容、地址').fill('电梯');
    await expectTotal({ search: '电梯' });
    for (const text of await rows.locator('.c-summary').allTextContents()) expect(text).toContain('电梯');
    await page.close();
  });

  it('scrolls through the whole stream, page after page, rendering only the rows in view', async () => {
    const page = await openWall(con.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    const scroll = page.getByTestId('stream-scroll');
    const lastIndex = () => page.evaluate(() => Math.max(...[...document.querySelectorAll('tr[data-index]')].map((r) => Number(r.getAttribute('data-index')))));
    // Scroll to the end; each time the next page arrives, the list grows and the end moves on.
    while ((await lastIndex()) < 250) {
      const before = await lastIndex();
      await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForFunction((b) => Math.max(...[...document.querySelectorAll('tr[data-index]')].map((r) => Number(r.getAttribute('data-index')))) > b, before);
    }
    // The row at the end is the ticket the store puts at that position.
    // Read the last row's position and ticket in one go (a page arriving meanwhile may move the window).
    const last = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('tr[data-index]')];
      const row = rows.reduce((a, b) => (Number(b.dataset.index) > Number(a.dataset.index) ? b : a));
      return { n: Number(row.dataset.index), no: row.dataset.ticket };
    });
    const expected = (await con.service.tickets.list({ limit: last.n + 1 })).items[last.n]!.ticketNo;
    expect(last.no).toBe(expected);
    expect(await page.locator('tr[data-index]').count()).toBeLessThan(80);
    await page.close();
  });

  it('switches to English and back', async () => {
    const page = await openWall(con.host.wallUrl);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Live tickets').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('实时工单').waitFor();
    await page.close();
  });

  it('without the token, says the screen is not live instead of showing stale data', async () => {
    const page = await openWall(con.host.url + '?token=wrong');
    await page.getByTestId('link-banner').waitFor();
    expect(await page.getByTestId('link-banner').textContent()).toContain('连接已断开');
    expect(await page.locator('[data-ticket]').count()).toBe(0);
    await page.close();
  });
});
