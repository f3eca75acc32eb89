/**
 * 报表 in Chromium: the chair makes last month's 月报 in the console, opens it, downloads its PDF and XLSX and reads
 * them back (the PDF's text by pdftotext, the XLSX parsed by exceljs), and sees the same figures on the KPI wall for
 * that month. Screenshots: docs/screens/reports-{zh,en}-1920x1080.png.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import ExcelJS from '../hub/import/exceljs';
import { findCjkFont } from '../electron/core/meetings/minutes-file';
import { periodOf, addDays, beijingDayOf } from '../shared/domain/report-period';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

const SHOTS = path.resolve(__dirname, '..', 'docs', 'screens');
const DAY = 86_400_000;
let browser: Browser;
let chair: TestConsole;

beforeAll(async () => {
  chair = await startTestConsole();
  // Two months of tickets: last month has a month before it to compare with.
  const records = generateTickets(1500, { now: Date.now(), spanMs: 70 * DAY, seed: 92, startIndex: 500_000 });
  await chair.service.embedded!.hub.ingest(records);
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await chair?.stop();
});

const open = async (view: string): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  await page.goto(`${chair.host.wallUrl}${chair.host.wallUrl.includes('?') ? '&' : '?'}view=${view}`);
  return page;
};
const downloaded = async (page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; file: string }> => {
  const [d] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const file = (await d.path())!;
  return { name: d.suggestedFilename(), bytes: await readFile(file), file };
};

const lastMonth = periodOf('month', addDays(`${beijingDayOf(Date.now()).slice(0, 7)}-01`, -1));

describe('报表 (chair)', () => {
  let intake = 0;

  it('makes last month’s 月报, opens it, and reads its PDF and XLSX back', async () => {
    const page = await open('reports');
    await page.getByTestId('report-kind').selectOption('month');
    await page.getByTestId('report-generate').click();
    const report = page.getByTestId('report-page');
    await report.waitFor();
    const title = await page.getByTestId('report-title').textContent();
    expect(title).toContain('月报');
    expect(title).toContain(`${lastMonth.from.slice(0, 4)}年${Number(lastMonth.from.slice(5, 7))}月`);
    await expect(page.locator('[data-testid="report-item"][data-kind="month"]').count()).resolves.toBeGreaterThan(0);
    // The figures on screen: intake in the totals' first row, the same as the summary's lead sentence.
    intake = Number(await page.locator('[data-testid="report-totals"] tbody tr').first().locator('td').nth(1).textContent());
    expect(intake).toBeGreaterThan(100);
    await expect(page.getByTestId('report-summary').textContent()).resolves.toContain(`本期受理诉求 ${intake} 件`);
    await page.screenshot({ path: path.join(SHOTS, 'reports-zh-1920x1080.png'), animations: 'disabled' });
    // The same month made again: the earlier one says a later one exists, the later one does not.
    const months = page.locator('[data-testid="report-item"][data-kind="month"]');
    const before = await months.count();
    await page.getByTestId('report-generate').click();
    await expect.poll(() => months.count()).toBe(before + 1);
    expect(await months.first().getByTestId('report-superseded').count()).toBe(0);
    expect(await months.nth(1).getByTestId('report-superseded').textContent()).toMatch(/^同一时段已于 .+ 重新生成（本份为较早版本）$/);

    const xlsx = await downloaded(page, () => page.getByTestId('report-xlsx').click());
    expect(xlsx.name).toBe(`月报-${lastMonth.from}_${lastMonth.to}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBe(16);
    expect(wb.getWorksheet('总体情况')!.getRow(2).getCell(2).value).toBe(intake);
    expect(wb.getWorksheet('每日')!.getCell('A2').value).toEqual(new Date(`${lastMonth.from}T00:00:00Z`));

    if (findCjkFont()) {
      const pdf = await downloaded(page, () => page.getByTestId('report-pdf').click());
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
      expect(text).toContain('民生热点难点问题月报');
      expect(text).toContain(`本期受理诉求 ${intake} 件`);
    } else console.log('[reports e2e] no CJK font on this machine: the PDF is not read back');
    await page.close();
  });

  it('shows the same month on the KPI wall: the ranking’s intake adds up to the report’s', async () => {
    const page = await open('kpi');
    await page.getByTestId('kpi-span').selectOption('lastMonth');
    await expect.poll(() => page.getByTestId('kpi-period').textContent(), { timeout: 10_000 }).toContain(`${lastMonth.from} 至 ${lastMonth.to}`);
    const cells = await page.locator('[data-testid="kpi-ranking"] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[4]?.textContent ?? 0)));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(intake);
    await page.close();
  });

  it('says what is wrong with a custom range that ends before it starts, and does not send it', async () => {
    const page = await open('reports');
    await page.getByTestId('report-kind').selectOption('custom');
    await page.getByTestId('report-from').fill('2026-11-20');
    await page.getByTestId('report-to').fill('2026-11-10');
    await expect.poll(() => page.getByTestId('report-range-problem').textContent()).toBe('止日不能早于起日');
    expect(await page.getByTestId('report-generate').isDisabled()).toBe(true);
    await page.getByTestId('report-to').fill('2026-11-25');
    await expect.poll(() => page.getByTestId('report-range-problem').count()).toBe(0);
    expect(await page.getByTestId('report-generate').isDisabled()).toBe(false);
    await page.close();
  });

  it('writes and picks dates in the screen’s language, not the browser’s (this Chromium is en-US)', async () => {
    const page = await open('reports');
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    // The month: 2026年 and 11月, not 「November 2026」.
    const years = await page.getByTestId('report-month-year').locator('option').allTextContents();
    expect(years).toContain('2026年');
    expect(await page.getByTestId('report-month-month').locator('option').allTextContents()).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}月`));
    await page.getByTestId('report-kind').selectOption('custom');
    await page.getByTestId('report-from').fill('2026-11-20');
    expect(await page.getByTestId('report-from-said').textContent()).toMatch(/^(2026年)?11月20日星期五$/);
    // Something that is no date is said so, and nothing is sent.
    await page.getByTestId('report-from').fill('2026-02-30');
    expect(await page.getByTestId('report-from-said').textContent()).toBe('2026-02-30 不是有效日期');
    await page.getByTestId('report-from').fill('2026-11-3');
    expect(await page.getByTestId('report-from-said').textContent()).toBe('日期写作 2026-12-03');
    expect(await page.getByTestId('report-generate').isDisabled()).toBe(true);
    // The calendar is Chinese, weeks from Monday; a day picked fills the field.
    await page.getByTestId('report-from-pick').click();
    const calendar = page.locator('.date-field-calendar');
    expect((await calendar.locator('thead').textContent())!.replace(/\s+/g, '')).toMatch(/^(周一周二周三周四周五周六周日|一二三四五六日)$/);
    await calendar.locator('button', { hasText: /^15$/ }).first().click();
    await expect.poll(() => page.getByTestId('report-from').inputValue()).toMatch(/^\d{4}-\d{2}-15$/);
    expect(await calendar.count()).toBe(0);
    expect(await page.getByTestId('report-from-said').textContent()).toMatch(/^\d+月15日星期.$/);
    await page.getByTestId('report-to-pick').click();
    await page.screenshot({ path: path.join(SHOTS, 'reports-date-pick-zh-1920x1080.png'), animations: 'disabled' });
    await page.close();
  });

  it('reads in English too (the report’s words from the catalogue; the files stay Chinese)', async () => {
    const page = await open('reports');
    await page.getByTestId('language-switch').click();
    await page.locator('[data-testid="report-item"][data-kind="month"]').first().click();
    await page.getByTestId('report-page').waitFor();
    await expect(page.getByTestId('report-title').textContent()).resolves.toContain('Monthly report');
    await expect(page.getByTestId('report-summary').textContent()).resolves.toContain(`Intake ${intake}`);
    await page.screenshot({ path: path.join(SHOTS, 'reports-en-1920x1080.png'), animations: 'disabled' });
    await page.getByTestId('language-switch').click();
    await page.close();
  });
});
