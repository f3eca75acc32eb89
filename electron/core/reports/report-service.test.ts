/**
 * The report service: a report made on demand is kept and opened again; the schedule makes yesterday's 日报 after
 * the set time and, on the 1st, the month before's 月报, once each; the files read back — the XLSX with numbers as
 * numbers and dates as dates, the PDF's text in Chinese.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import ExcelJS from '../../../hub/import/exceljs';
import { openStore, type Store } from '../../../db/open';
import { upsertTickets } from '../../../db/queries/ticket-write';
import { periodOf } from '../../../shared/domain/report-period';
import { findCjkFont } from '../meetings/minutes-file';
import { ReportService } from './report-service';

const DAY = 86_400_000;
let store: Store;
let dir: string;
let now: number;
let changed: string[];
const service = () => new ReportService({ store, reader: store, clock: () => now, dir, onChanged: (id) => changed.push(id), log: () => undefined });

beforeEach(async () => {
  now = Date.parse('2026-12-01T07:30:00+08:00');
  changed = [];
  dir = mkdtempSync(path.join(tmpdir(), 'reports-'));
  store = await openStore({ filename: ':memory:' });
  await upsertTickets(store, generateTickets(3000, { now, spanMs: 70 * DAY, seed: 5 }));
});
afterEach(async () => {
  await store.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('报表 in the console', () => {
  it('keeps a report made on demand, lists it and opens it again with its figures', async () => {
    const s = service();
    const info = await s.generate(periodOf('week', '2026-11-25'));
    expect(info).toMatchObject({ kind: 'week', from: '2026-11-23', to: '2026-11-29', trigger: 'demand' });
    expect(changed).toEqual([info.id]);
    expect((await s.list()).map((r) => r.id)).toEqual([info.id]);
    const r = await s.open(info.id);
    expect(r.body.totals.intake.n).toBe(info.intake);
    await expect(s.open('no-such-report')).rejects.toMatchObject({ code: 'notFound', reason: 'reportNotFound' });
  });

  it('makes the 日报 and, on the 1st, the 月报 after the set time, once each; not before it, not when switched off', async () => {
    const s = service();
    expect(await s.runSchedule()).toEqual([]); // 07:30, before 08:00
    now = Date.parse('2026-12-01T08:00:30+08:00');
    const made = await s.runSchedule();
    expect(made.map((r) => [r.kind, r.from, r.to, r.trigger])).toEqual([
      ['day', '2026-11-30', '2026-11-30', 'schedule'],
      ['month', '2026-11-01', '2026-11-30', 'schedule'],
    ]);
    expect(await s.runSchedule()).toEqual([]);
    // The next morning: the 日报 only; with the 日报 switched off, nothing.
    now += DAY;
    await s.setSchedule({ at: '08:00', daily: false, monthly: true });
    expect(await s.runSchedule()).toEqual([]);
    await s.setSchedule({ at: '06:30', daily: true, monthly: true });
    expect((await s.runSchedule()).map((r) => [r.kind, r.from])).toEqual([['day', '2026-12-01']]);
    expect(await s.schedule()).toEqual({ at: '06:30', daily: true, monthly: true });
  });

  it('writes the XLSX with one sheet per table, numbers as numbers and dates as dates', async () => {
    const s = service();
    const info = await s.generate(periodOf('month', '2026-11-10'));
    const r = await s.open(info.id);
    const file = await s.file(info.id, 'xlsx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file.path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报表', '总体情况', '每日', '来源', '分类', '街道受理', '热点分类', '热点地点', '预警', '三跨疑难', '承办单位', '街道排名', '随意退单', '会商督办', '代表督办', '应急包']);
    const totals = wb.getWorksheet('总体情况')!;
    // 受理: this month, last month, 环比 as a number formatted as a change; no year before in the store.
    expect(totals.getRow(2).values).toEqual([undefined, '受理', info.intake, expect.any(Number), expect.any(Number)]);
    // No figure is an empty cell, not the text '—' in a column of numbers.
    expect([totals.getRow(2).getCell(6).value, totals.getRow(2).getCell(7).value]).toEqual([null, null]);
    expect(totals.getRow(2).getCell(4).numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect(totals.getRow(5).getCell(2)).toMatchObject({ numFmt: '0.0%', value: expect.any(Number) });
    expect(totals.getRow(5).getCell(4).numFmt).toContain('个百分点');
    const daily = wb.getWorksheet('每日')!;
    expect(daily.rowCount).toBe(1 + 30);
    expect(daily.getCell('A2').value).toEqual(new Date('2026-11-01T00:00:00Z'));
    const units = wb.getWorksheet('承办单位')!;
    const rate = units.getRow(2).getCell(4);
    expect(typeof rate.value === 'number' || rate.value === null).toBe(true);
    if (typeof rate.value === 'number') expect(rate.numFmt).toBe('0.0%');
    // Times (a return's, a spend's, a warning's) are dates in Beijing wall-clock time, not text.
    const returns = wb.getWorksheet('随意退单')!;
    expect(returns.rowCount).toBe(1 + r.body.arbitraryReturns.length);
    expect(returns.rowCount).toBeGreaterThan(1);
    expect(returns.getCell('C2')).toMatchObject({ value: new Date(r.body.arbitraryReturns[0]!.at + 8 * 3_600_000), numFmt: 'yyyy-mm-dd hh:mm' });
  });

  it.skipIf(!findCjkFont())('writes the PDF in Chinese, its text readable back (pdftotext)', async () => {
    const s = service();
    const info = await s.generate(periodOf('month', '2026-11-10'));
    const file = await s.file(info.id, 'pdf');
    expect(file.mime).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', file.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('崇川区民生热点难点问题月报（2026年11月）');
    expect(text).toContain('一、综述');
    expect(text).toContain(`本期受理诉求 ${info.intake} 件`);
    expect(text).toContain('八、承办单位');
    // The deputies' loop and the emergency funds are in the PDF too, not only in the XLSX.
    expect(text).toContain('十二、代表督办');
    expect(text).toContain('督查意见书 签发');
    expect(text).toContain('十三、应急包');
  });
});
