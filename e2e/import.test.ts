/**
 * 导入工单 on the chair's console (Chromium, web host, the embedded hub doing the import): the chair loads a
 * gazetteer (one line refused, shown with its reason), chooses a workbook (made here with exceljs) whose summary
 * column has a header the synonyms do not know (问题描述详情), corrects that one column in the preview — a
 * missing ticket-number column blocks the start and says so —, starts, reads the report (one row refused, with
 * its row, column and reason in words), downloads the refused rows, and finds the tickets at the top of the
 * wall's stream and on the map at the compound their address names.
 * The category text the map does not know is assigned from the report's link (its suggestion chosen, not applied
 * by itself). Preview and report in one language at a time. Screenshots: docs/screens/import-{preview,report}-{zh,en}-1080p.png.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from '../hub/import/exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { ROOT, startTestConsole, type TestConsole } from './support/console';
import { CJK, englishWordsIn, uiTexts } from './support/wall-text';

let browser: Browser;
let con: TestConsole;
let dir: string;
const SHOTS = path.join(ROOT, 'docs', 'screens');

beforeAll(async () => {
  con = await startTestConsole();
  browser = await launchChromium();
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-e2e-import-'));
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Two compounds of 任港 with their points, and a line with no usable coordinates. */
const GAZETTEER = '名称,经度,纬度,类型,街道\n景华城,120.8612,32.0215,小区,任港街道\n濠西园,120.8533,32.0168,小区,任港街道\n坏坐标花园,东经120度,32.01,小区,任港街道\n';
const COMPOUNDS = { 景华城: [120.8612, 32.0215], 濠西园: [120.8533, 32.0168] } as const;
const HEADERS = ['工单编号', '受理时间', '诉求渠道', '问题描述详情', '事发地址', '所属街道', '问题分类', '二级分类', '工单状态', '联系电话'];
const TICKETS = 11;
const no = (i: number) => `12345-20261201-${String(770_000 + i).padStart(7, '0')}`;
/** A Beijing wall-clock time as the platform writes it ("2026-12-01 10:04:05"). */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The export: 11 tickets received in the last minute (newer than anything in the demo's store) and one row whose
 * time nobody can read (row 5 of the sheet: a title line, the header, then the data). */
async function writeWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(['崇川区12345工单导出（2026年12月）']);
  ws.addRow(HEADERS);
  const now = Date.now();
  const compounds = Object.keys(COMPOUNDS);
  for (let i = 0; i < TICKETS + 1; i++) {
    const compound = compounds[i % compounds.length]!;
    const at = i === 2 ? '昨天上午' : beijing(now - (i + 1) * 2000);
    // The last row's category is not in the category map: imported under 其他, listed for the chair.
    const [c1, c2, what] = i === TICKETS ? ['城市管理', '井盖缺失', '门口井盖缺失，夜里有人踩空'] : ['城乡建设', '电梯故障', '电梯停运两天，老人上下楼困难'];
    ws.addRow([no(i), at, '12345热线', `导入演示${i}号：${compound}${(i % 5) + 1}栋${what}`, `崇川区任港街道${compound}${(i % 5) + 1}栋`, '任港街道', c1, c2, '已派单', `1390513${String(4000 + i)}`]);
  }
  await wb.xlsx.writeFile(file);
}

async function openSettings(tab: string, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: lang === 'en' ? 'en' : 'zh-CN', acceptDownloads: true });
  await page.goto(`${con.host.wallUrl}&view=settings&tab=${tab}${lang === 'en' ? '&lang=en' : ''}`);
  await page.getByTestId('settings-tabs').waitFor();
  return page;
}
/** The UI's own words on the page that are not in its language (the file's and the tickets' words are data). */
const foreign = async (page: Page, lang: 'zh' | 'en') => (await uiTexts(page)).filter((x) => (lang === 'en' ? CJK.test(x.text) : englishWordsIn(x.text).length > 0)).map((x) => `${x.where}: ${x.text}`);
const shot = async (page: Page, name: string) => {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SHOTS, `${name}-1080p.png`), animations: 'disabled' });
};
/** The field chosen for the column with this header, and how it was recognised. */
const column = (page: Page, header: string) =>
  page.evaluate((h) => {
    const i = [...document.querySelectorAll('[data-testid="import-header"]')].findIndex((th) => th.textContent === h);
    return { field: (document.querySelectorAll<HTMLSelectElement>('[data-testid="import-field"]')[i])?.value, by: document.querySelectorAll('[data-testid="import-by"]')[i]?.getAttribute('data-by') };
  }, header);
const fieldSelect = (page: Page, header: string) => page.getByRole('combobox', { name: `对应字段 ${header}`, exact: true });

type MapHandle = { isSourceLoaded(id: string): boolean; project(p: readonly [number, number]): { x: number; y: number }; queryRenderedFeatures(p: [number, number], o: { layers: string[] }): { properties: { no: string } }[] };

describe('importing tickets on the chair console', () => {
  it('loads a gazetteer, imports a workbook with one column corrected, reports the refused row, and the tickets are on the wall', async () => {
    const xlsx = path.join(dir, '12345工单导出.xlsx');
    await writeWorkbook(xlsx);
    const gazetteer = path.join(dir, '地名库.csv');
    await writeFile(gazetteer, GAZETTEER);

    // 地名库: two compounds load, the third line is refused with its reason.
    const page = await openSettings('gazetteer');
    expect(await page.getByTestId('gazetteer-source').textContent()).toBe('内置地名库');
    await page.getByTestId('gazetteer-file').setInputFiles(gazetteer);
    await expect.poll(() => page.getByTestId('gazetteer-message').textContent()).toMatch(/^地名库已更新，共 \d+ 条地名$/);
    expect(await page.getByTestId('gazetteer-source').textContent()).toContain('地名库.csv');
    expect(await page.getByTestId('gazetteer-refused').locator('[data-testid="refused-row"] td').allTextContents()).toEqual(['4', '经度/纬度', '经纬度「东经120度,32.01」无效']);

    // 导入工单: the workbook's preview — the title line skipped, every column but the summary recognised.
    await page.getByTestId('settings-tab-import').click();
    await page.getByTestId('import-file').setInputFiles(xlsx);
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-steps').getAttribute('data-step')).toBe('check');
    expect(await page.getByTestId('import-header').allTextContents()).toEqual(HEADERS);
    expect(await page.locator('.import-facts').textContent()).toContain('表头在第 2 行 · 下表为前 10 行数据');
    expect(await column(page, '问题描述详情')).toEqual({ field: '', by: 'none' });
    // Said above the grid, so a column off to the right is not dropped unseen.
    expect(await page.getByTestId('import-unrecognised').innerText()).toContain('问题描述详情');
    expect(await column(page, '受理时间')).toEqual({ field: 'receivedAt', by: 'synonym' });
    expect(await page.getByTestId('import-preview-row').count()).toBe(10); // the hub shows the first 10
    expect(await page.getByTestId('import-preview-row').first().textContent()).toContain(no(0));
    expect(await page.getByTestId('import-encoding').count()).toBe(0); // a workbook has no encoding to choose

    // Without the ticket number the start is off, and says why; put back, it is on again.
    await fieldSelect(page, '工单编号').selectOption('');
    expect(await page.getByTestId('import-missing').textContent()).toBe('缺少必需的列：工单编号。请指定后再开始导入。');
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await fieldSelect(page, '工单编号').selectOption('ticketNo');
    expect(await page.getByTestId('import-missing').count()).toBe(0);

    // The one correction: 问题描述详情 is the complaint.
    await fieldSelect(page, '问题描述详情').selectOption('summary');
    expect(await column(page, '问题描述详情')).toEqual({ field: 'summary', by: 'changed' });
    expect(await page.getByTestId('import-unrecognised').count()).toBe(0);
    await page.getByTestId('import-save-as').fill('12345 平台导出');
    expect(await foreign(page, 'zh')).toEqual([]);
    await shot(page, 'import-preview-zh');

    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await page.getByTestId('import-steps').getAttribute('data-step')).toBe('report');
    const figure = (k: string) => page.getByTestId(`import-figure-${k}`).textContent();
    expect({ rows: await figure('rows'), imported: await figure('imported'), refused: await figure('refused'), unplaced: await figure('unplaced'), approximate: await figure('approximate'), otherCategory: await figure('otherCategory') }).toEqual({ rows: '12', imported: '11', refused: '1', unplaced: '0', approximate: '11', otherCategory: '1' });
    const refused = page.getByTestId('import-refused').locator('[data-testid="refused-row"]');
    expect(await refused.count()).toBe(1);
    expect(await refused.locator('td').allTextContents()).toEqual(['5', no(2), '受理时间', '无法识别的时间「昨天上午」']);
    expect(await page.getByTestId('import-unmapped').locator('li').allTextContents()).toEqual(['城市管理/井盖缺失 1 行 · 关键词建议：下水道']);
    expect(await foreign(page, 'zh')).toEqual([]);
    await shot(page, 'import-report-zh');

    // The refused rows as a file: UTF-8 with a byte order mark, the row and its reason.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-refused').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(no(2));
    expect(csv).toContain('昨天上午');

    // 分类对照: the text is listed with its suggestion, which the chair chooses and saves; the ticket moves.
    await page.getByTestId('import-open-category-map').click();
    const unknown = page.locator('[data-testid="category-unknown-row"][data-text="城市管理/井盖缺失"]');
    expect(await unknown.getByTestId('category-suggestion').textContent()).toBe('下水道');
    expect(await unknown.getByTestId('category-assign').inputValue()).toBe(''); // shown, not applied
    await unknown.getByTestId('category-use-suggestion').click();
    expect(await unknown.getByTestId('category-assign').inputValue()).toBe('drains');
    await page.getByTestId('category-save').click();
    await expect.poll(() => page.getByTestId('category-message').textContent()).toBe('已保存；1 件工单已改为新分类');
    expect(await page.locator('[data-testid="category-entry"][data-text="城市管理/井盖缺失"]').count()).toBe(1);

    // The tickets, synced from the hub: in the wall's stream (searched for, newest first), and points on the map
    // at their compounds.
    await con.service.sync.whenCursorAtLeast(con.service.embedded!.hub.store.head);
    await page.getByTestId('view-overview').click();
    await page.getByRole('searchbox', { name: '搜索编号、内容、地址' }).fill('导入演示');
    const rows = page.locator('[data-testid=ticket-list] tbody tr[data-ticket]');
    const imported = [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(no);
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ticket')))).toEqual(imported);
    expect(await rows.first().textContent()).toContain('导入演示0号：景华城1栋电梯停运两天');
    await page.getByRole('searchbox', { name: '搜索编号、内容、地址' }).fill('');
    await page.waitForFunction(() => {
      const map = (window as unknown as { __liandongMap?: MapHandle }).__liandongMap;
      return !!map && map.isSourceLoaded('tickets') && map.isSourceLoaded('areas');
    });
    const onMap = (ticketNo: string, at: readonly [number, number]) =>
      page.evaluate(
        ([n, p]) => {
          const map = (window as unknown as { __liandongMap: MapHandle }).__liandongMap;
          const { x, y } = map.project(p);
          return map.queryRenderedFeatures([x, y], { layers: ['points'] }).some((f) => f.properties.no === n);
        },
        [ticketNo, at] as const,
      );
    await expect.poll(() => onMap(no(0), COMPOUNDS.景华城), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => onMap(no(1), COMPOUNDS.濠西园), { timeout: 30_000 }).toBe(true);
    const stored = (await con.service.tickets.get(no(0))).ticket;
    expect(stored).toMatchObject({ lng: COMPOUNDS.景华城[0], lat: COMPOUNDS.景华城[1], subDistrictCode: '320613003', category: 'lift', status: 'dispatched' });
    expect(stored.callerMasked).not.toContain('13905134000');
    expect((await con.service.tickets.get(no(TICKETS))).ticket.category).toBe('drains');
    // Placed by the compound its address names (the hub's record says how).
    expect(JSON.parse((await con.service.embedded!.hub.store.getBody(no(0)))!).ticket.placement).toBe('compound');
    await page.close();
  });

  it('shows the preview and the report in English (screenshots)', async () => {
    const page = await openSettings('import', 'en');
    // The report of the import above, from the past imports.
    await page.getByTestId('import-past-row').first().getByTestId('import-past-open').click();
    await expect.poll(() => page.getByTestId('import-report').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('import-refused').locator('td').last().textContent()).toBe('Unreadable time “昨天上午”');
    expect(await page.getByTestId('import-figures').textContent()).toContain('New');
    expect(await foreign(page, 'en')).toEqual([]);
    await shot(page, 'import-report-en');

    // The same workbook again: its headers now match the saved mapping.
    await page.getByTestId('import-another').click();
    await page.getByTestId('import-file').setInputFiles(path.join(dir, '12345工单导出.xlsx'));
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-mapping-applied').textContent()).toBe('Saved mapping applied: 12345 平台导出');
    expect(await column(page, '问题描述详情')).toEqual({ field: 'summary', by: 'mapping' });
    expect(await foreign(page, 'en')).toEqual([]);
    await shot(page, 'import-preview-en');
    await page.close();
  });
});
