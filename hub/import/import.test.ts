import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CategoryMapSaved, ImportJob, ImportPreview } from '../../shared/contract/imports';
import type { ImportField } from '../../shared/import/fields';
import type { TicketRecord } from '../../shared/domain/ticket';
import { generateTokens } from '../auth';
import { startHub, type Hub } from '../hub-server';
import { exportRow, GRID_HEADERS, HOTLINE_HEADERS, writeExportCsv, writeExportXlsx } from './export-files';

const NOW = Date.UTC(2026, 10, 30, 4);
const BASE = Date.UTC(2026, 10, 20, 1);
let hub: Hub;
let dir: string;
let tokens: ReturnType<typeof generateTokens>;
const chair = () => tokens.find((t) => t.role === 'chair')!.token;

beforeEach(async () => {
  tokens = generateTokens();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ld-import-'));
  hub = await startHub({ filename: ':memory:', tokens, clock: () => NOW, importDir: path.join(dir, 'imports') });
});
afterEach(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const api = (p: string, init: RequestInit = {}, token = chair()) => fetch(`${hub.url}/api/v1${p}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.body && typeof init.body === 'string' ? { 'Content-Type': 'application/json' } : {}), ...init.headers } });
async function upload(file: string, name = path.basename(file)): Promise<Response> {
  return api(`/imports?fileName=${encodeURIComponent(name)}`, { method: 'POST', body: await readFile(file), headers: { 'Content-Type': 'application/octet-stream' } });
}
async function importFile(file: string, fix?: (cols: (ImportField | null)[], p: ImportPreview) => void): Promise<{ preview: ImportPreview; job: ImportJob }> {
  const res = await upload(file);
  expect(res.status, await res.clone().text()).toBe(201);
  const preview = (await res.json()) as ImportPreview;
  const columns = preview.columns.map((c) => c.field);
  fix?.(columns, preview);
  const started = await api(`/imports/${preview.jobId}/start`, { method: 'POST', body: JSON.stringify({ columns }) });
  expect(started.status, await started.clone().text()).toBe(200);
  const job = await hub.importer.settled(preview.jobId);
  return { preview, job };
}
async function stored(no: string): Promise<TicketRecord> {
  return JSON.parse((await hub.store.getBody(no))!) as TicketRecord;
}

describe('importing the platforms’ exports at the hub', () => {
  it('a UTF-8 CSV of the 12345 platform with a title line: every column recognised, every row imported, callers masked', async () => {
    const file = path.join(dir, 'hotline.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 50, base: BASE, encoding: 'utf-8', bom: true, title: true });
    const { preview, job } = await importFile(file);
    expect(preview.headerRow).toBe(2);
    expect(preview.encoding).toBe('utf-8');
    expect(preview.columns.map((c) => c.field)).toEqual(['ticketNo', 'receivedAt', 'source', 'appealType', 'summary', 'address', 'subDistrict', 'category1', 'category2', 'handlingUnit', 'deadlineAt', 'status', 'satisfaction', 'callerName', 'callerPhone']);
    expect(preview.rows[0]![0]).toMatch(/^12345-20261120-0000000$/);
    expect(job.state).toBe('done');
    expect(job.report).toMatchObject({ rows: 50, imported: 50, updated: 0, unchanged: 0, refused: 0 });
    const t = await stored('12345-20261120-0000001');
    expect(t.ticket.callerMasked).toMatch(/^李\*\* 14\d\*{4}\d{4}$/);
    const phone = String(exportRow('hotline', 1, BASE)[14]);
    expect(JSON.stringify(t)).not.toContain(phone);
    expect(JSON.stringify(t)).not.toContain('先生');
    expect(t.ticket.summary).toBe('【求助】濠城社区居民反映电梯故障问题，第1号，请尽快处理（已多次来电）');
    expect(t.ticket.receivedAt).toBe(Math.floor((BASE + 37_000) / 60_000) * 60_000); // "2026/11/20 09:00" in Beijing
    expect(t.ticket.status).toBe('dispatched');
    expect(t.ticket.category).toBe('lift');
    // 井盖缺失 is not in the category map: imported under 其他 and listed, with a suggestion
    expect(job.report.otherCategory).toBeGreaterThan(0);
    expect(job.report.unmappedCategories).toContainEqual({ text: '城市管理/井盖缺失', rows: job.report.otherCategory, suggestion: 'drains' });
    // No coordinates and no gazetteer hit: placed at its sub-district's centre, approximate
    expect(t.ticket.placement).toBe('subDistrict');
    expect(job.report.approximate).toBe(50);
  });

  it('a GBK CSV of the grid platform: encoding detected, Excel serial times, 镇街 without 街道, coordinates where given', async () => {
    const file = path.join(dir, 'grid.csv');
    await writeExportCsv(file, { dialect: 'grid', rows: 40, base: BASE, encoding: 'gbk' });
    const { preview, job } = await importFile(file);
    expect(preview.encoding).toBe('gb18030');
    expect(preview.columns.map((c) => c.header)).toEqual(GRID_HEADERS);
    expect(job.report).toMatchObject({ rows: 40, imported: 40, refused: 0 });
    const exact = await stored('WG-00000000');
    expect(exact.ticket).toMatchObject({ placement: 'exact', lng: 120.88, lat: 32.01, source: 'gridReport', subDistrictCode: '320613001', communityCode: '320613001001' });
    expect(exact.ticket.receivedAt).toBe(BASE);
    const tangzha = await stored('WG-00000011'); // 16 sub-districts: #11 is 唐闸镇街道, written "唐闸"
    expect(tangzha.ticket.subDistrictCode).toBe('320613017');
    expect(tangzha.ticket.summary).toContain('网格员巡查发现');
  });

  it('a workbook: dates and numbers from cells; the same file again changes nothing; one changed row records one change', async () => {
    const file = path.join(dir, 'hotline.xlsx');
    await writeExportXlsx(file, { dialect: 'hotline', rows: 30, base: BASE, title: true });
    const first = await importFile(file);
    expect(first.preview.format).toBe('xlsx');
    expect(first.job.report).toMatchObject({ rows: 30, imported: 30 });
    const head = hub.store.head;
    const again = await importFile(file);
    expect(again.job.report).toMatchObject({ rows: 30, imported: 0, updated: 0, unchanged: 30 });
    expect(hub.store.head).toBe(head);
    const changed = path.join(dir, 'hotline-2.xlsx');
    await writeExportXlsx(changed, { dialect: 'hotline', rows: 29, base: BASE, title: true, extraRows: [['12345-20261120-0000029', '2026-11-20 09:17:53', '12345热线', '求助', '内容已更新', '崇川区任港', '任港街道', '城乡建设', '物业管理', '区住建局', '', '已办结', '', '', '']] });
    const third = await importFile(changed);
    expect(third.job.report).toMatchObject({ rows: 30, imported: 0, updated: 1, unchanged: 29 });
    expect(hub.store.head).toBe(head + 1);
    expect((await stored('12345-20261120-0000029')).ticket.summary).toBe('【求助】内容已更新');
  });

  it('the preview shows a workbook’s serial-day times as times', async () => {
    const file = path.join(dir, 'grid.xlsx');
    await writeExportXlsx(file, { dialect: 'grid', rows: 3, base: BASE });
    const preview = (await (await upload(file)).json()) as ImportPreview;
    expect(preview.columns[1]).toMatchObject({ header: '上报时间', field: 'receivedAt' });
    expect(preview.rows[0]![1]).toBe('2026-11-20 09:00');
  });

  it('refuses rows it cannot import with their row, column and reason; the refused CSV lists them', async () => {
    const file = path.join(dir, 'messy.csv');
    const bad = (no: string, at: string, street: string) => [no, at, '12345热线', '', '内容', '', street, '', '', '', '', '已受理', '', '', ''];
    await writeExportCsv(file, {
      dialect: 'hotline',
      rows: 3,
      base: BASE,
      encoding: 'utf-8',
      extraRows: [[''], bad('', '2026/11/28 09:15', '任港'), bad('12345-X1', '昨天上午', '任港'), bad('12345-X2', '2026/11/28 09:15', '火星街道'), bad('12345-X3', '2027/01/01 09:15', '任港'), bad('１２３４５－Ｘ４', '２０２６／１１／２８　０９：１５', '任港街道')],
    });
    const { job } = await importFile(file);
    expect(job.report).toMatchObject({ rows: 8, imported: 4, refused: 4 });
    expect(job.report.refusedSample).toEqual([
      // row 5 is blank: skipped, and still counted in the numbering, as a spreadsheet shows it
      { row: 6, ticketNo: null, column: '工单编号', reason: 'noTicketNo' },
      { row: 7, ticketNo: '12345-X1', column: '来电时间', reason: 'badTime', params: { value: '昨天上午' } },
      { row: 8, ticketNo: '12345-X2', column: '所属街道', reason: 'unknownSubDistrict', params: { value: '火星街道' } },
      { row: 9, ticketNo: '12345-X3', column: '来电时间', reason: 'futureTime', params: { value: '2027/01/01 09:15' } },
    ]);
    // Full-width digits and punctuation were normalised
    expect((await stored('12345-X4')).ticket.receivedAt).toBe(Date.UTC(2026, 10, 28, 1, 15));
    const bytes = Buffer.from(await (await api(`/imports/${job.id}/refused.csv`)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads it as UTF-8
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('行号,工单编号,列,原因代码,原因');
    expect(csv).toContain('8,12345-X2,所属街道,unknownSubDistrict,「火星街道」不是本区的街道（请核对街道名称）');
  });

  it('refuses a file as a whole that is not a spreadsheet, is cut off, or has no recognisable header — nothing lands', async () => {
    const cases: [string, Buffer | string, string][] = [
      ['report.pdf', Buffer.from('%PDF-1.7\n%…'), 'import.notSpreadsheet'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'import.oldExcel'],
      ['cut.csv', `工单编号,来电时间,诉求内容\r\n12345-1,2026/11/28 09:15,"漏水\r\n12345-2,2026/11/28 09:16,渗`, 'import.truncated'],
      ['notes.csv', '会议纪要\r\n今天讨论了三件事\r\n', 'import.noColumns'],
      ['empty.csv', '', 'import.empty'],
    ];
    const xlsx = path.join(dir, 'whole.xlsx');
    await writeExportXlsx(xlsx, { dialect: 'grid', rows: 50, base: BASE });
    const bytes = await readFile(xlsx);
    cases.push(['cut.xlsx', bytes.subarray(0, Math.floor(bytes.length * 0.7)), 'import.truncated']);
    for (const [name, body, reason] of cases) {
      const f = path.join(dir, name);
      await writeFile(f, body);
      const res = await upload(f);
      expect(res.status, name).toBe(400);
      expect(((await res.json()) as { error: { reason: string } }).error.reason, name).toBe(reason);
    }
    expect(await hub.store.count()).toBe(0);
  });

  it('a column the synonyms do not know is corrected on the preview; the mapping saved by name applies to the next file', async () => {
    const file = path.join(dir, 'custom.csv');
    await writeFile(file, iconv.encode('编号,受理时间,问题描述详情,街道\r\n12345-C1,2026-11-28 10:00,楼道灯坏了,学田\r\n', 'gbk'));
    const res = await upload(file);
    const preview = (await res.json()) as ImportPreview;
    expect(preview.columns.map((c) => [c.header, c.field, c.by])).toEqual([
      ['编号', 'ticketNo', 'synonym'],
      ['受理时间', 'receivedAt', 'synonym'],
      ['问题描述详情', null, 'none'],
      ['街道', 'subDistrict', 'synonym'],
    ]);
    const columns = preview.columns.map((c) => c.field);
    columns[2] = 'summary';
    await api(`/imports/${preview.jobId}/start`, { method: 'POST', body: JSON.stringify({ columns, saveMappingAs: '本区网格导出' }) });
    await hub.importer.settled(preview.jobId);
    expect((await stored('12345-C1')).ticket.summary).toBe('楼道灯坏了');
    const next = (await (await upload(file, 'again.csv')).json()) as ImportPreview;
    expect(next.mappingName).toBe('本区网格导出');
    expect(next.columns[2]).toMatchObject({ field: 'summary', by: 'mapping' });
  });

  it('a start without the required columns is refused with the fields named', async () => {
    const file = path.join(dir, 'h.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 2, base: BASE, encoding: 'utf-8' });
    const preview = (await (await upload(file)).json()) as ImportPreview;
    const columns = preview.columns.map((c) => (c.field === 'receivedAt' ? null : c.field));
    const res = await api(`/imports/${preview.jobId}/start`, { method: 'POST', body: JSON.stringify({ columns }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ reason: 'import.missingFields', params: { fields: 'receivedAt' } });
    expect(HOTLINE_HEADERS).toContain('来电时间');
  });

  it('mapping an unknown category moves the tickets imported under 其他 to it', async () => {
    const file = path.join(dir, 'h.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 18, base: BASE, encoding: 'utf-8' });
    const { job } = await importFile(file);
    expect(job.report.otherCategory).toBe(2);
    const map = (await (await api('/category-map')).json()) as CategoryMapSaved;
    expect(map.unknown).toEqual([{ text: '城市管理/井盖缺失', rows: 2, suggestion: 'drains' }]);
    const saved = (await (await api('/category-map', { method: 'PUT', body: JSON.stringify({ entries: [...map.entries, { text: '城市管理/井盖缺失', category: 'drains' }] }) })).json()) as CategoryMapSaved;
    expect(saved.recategorised).toBe(2);
    expect(saved.unknown).toEqual([]);
    expect((await stored('12345-20261120-0000008')).ticket.category).toBe('drains');
  });

  it('a loaded gazetteer places addresses by compound name; a cancelled import resumes where its last batch landed', async () => {
    const gaz = '名称,经度,纬度,类型,街道\r\n德民社区,120.91,32.001,社区,城东街道\r\n文峰花园,120.9,31.97,小区,文峰街道\r\n坏行,abc,32,小区,\r\n';
    const loaded = (await (await api('/gazetteer?fileName=gaz.csv', { method: 'PUT', body: gaz })).json()) as { entries: number; refusedCount: number; refused: { row: number; reason: string }[] };
    expect(loaded.refusedCount).toBe(1);
    expect(loaded.refused[0]).toMatchObject({ row: 4, reason: 'badCoordinates' });
    const file = path.join(dir, 'g.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 5000, base: BASE, encoding: 'utf-8', extraRows: [['12345-G1', '2026/11/28 09:15', '', '', '漏水', '崇川区文峰花园12幢', '文峰', '', '', '', '', '已受理', '', '', '']] });
    const preview = (await (await upload(file)).json()) as ImportPreview;
    await api(`/imports/${preview.jobId}/start`, { method: 'POST', body: JSON.stringify({ columns: preview.columns.map((c) => c.field) }) });
    const cancelled = (await (await api(`/imports/${preview.jobId}/cancel`, { method: 'POST' })).json()) as ImportJob;
    expect(['cancelled', 'done']).toContain(cancelled.state);
    expect(await hub.store.count()).toBe(cancelled.report.imported);
    if (cancelled.state === 'cancelled') await api(`/imports/${preview.jobId}/resume`, { method: 'POST' });
    const done = await hub.importer.settled(preview.jobId);
    expect(done.state).toBe('done');
    expect(done.report).toMatchObject({ rows: 5001, imported: 5001, refused: 0 });
    expect(await hub.store.count()).toBe(5001);
    expect((await stored('12345-G1')).ticket).toMatchObject({ placement: 'compound', lng: 120.9, lat: 31.97 });
    // 城东 rows name 德民社区 in their summary, not their address: their address gives the sub-district only
    expect((await stored('12345-20261120-0000000')).ticket.placement).toBe('subDistrict');
  });

  it('a file without a column leaves that field of the tickets the hub holds alone; a number twice in a file refuses the later row', async () => {
    const first = path.join(dir, 'full.csv');
    await writeExportCsv(first, { dialect: 'hotline', rows: 10, base: BASE, encoding: 'utf-8' });
    await importFile(first);
    const before = await stored('12345-20261120-0000004'); // 已回访 → closed, 满意
    expect(before.ticket).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    // The same tickets from an export with fewer columns: no status, satisfaction, deadline or caller.
    const thin = path.join(dir, 'thin.csv');
    await writeFile(thin, '工单编号,来电时间,诉求内容,所属街道\r\n12345-20261120-0000004,2026/11/20 09:02,内容补充了,新城桥\r\n12345-N1,2026/11/21 10:00,新工单,任港\r\n12345-N1,2026/11/21 10:05,同号第二行,任港\r\n');
    const { job } = await importFile(thin);
    expect(job.report).toMatchObject({ rows: 3, imported: 1, updated: 1, refused: 1 });
    expect(job.report.refusedSample).toEqual([{ row: 4, ticketNo: '12345-N1', column: '工单编号', reason: 'duplicateInFile', params: { row: 3 } }]);
    const after = await stored('12345-20261120-0000004');
    expect(after.ticket).toMatchObject({ status: 'closed', satisfaction: 'satisfied', summary: '内容补充了', deadlineAt: before.ticket.deadlineAt, callerMasked: before.ticket.callerMasked, category: before.ticket.category });
    expect((await stored('12345-N1')).ticket.summary).toBe('新工单');
  });

  it('a stray quote inside a field is text, not a cut-off file; 三个工作日 is a deadline', async () => {
    const file = path.join(dir, 'stray.csv');
    await writeFile(file, '工单编号,受理时间,诉求内容,街道,办理时限\r\n12345-Q1,2026-11-27 10:00,买的32寸" 电视坏了,学田,三个工作日\r\n');
    const { job } = await importFile(file);
    expect(job.report).toMatchObject({ rows: 1, imported: 1, refused: 0 });
    const t = (await stored('12345-Q1')).ticket;
    expect(t.summary).toBe('买的32寸" 电视坏了');
    expect(t.deadlineAt).toBe(Date.UTC(2026, 11, 2, 16) - 1); // Fri 27 Nov + 3 working days: Mon, Tue, Wed 2 Dec, end of day
  });

  it('the category map counts each ticket once under an unknown text, however often its file is imported', async () => {
    const file = path.join(dir, 'h.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 18, base: BASE, encoding: 'utf-8' });
    await importFile(file);
    await importFile(file);
    const map = (await (await api('/category-map')).json()) as CategoryMapSaved;
    expect(map.unknown).toEqual([{ text: '城市管理/井盖缺失', rows: 2, suggestion: 'drains' }]);
  });

  it('only the chair changes the category map and the gazetteer (an ingest token may import)', async () => {
    const ingestToken = tokens.find((t) => t.role === 'ingest')!.token;
    expect((await api('/category-map', { method: 'PUT', body: JSON.stringify({ entries: [] }) }, ingestToken)).status).toBe(403);
    expect((await api('/gazetteer?fileName=x.csv', { method: 'PUT', body: '某小区,120.9,32.0' }, ingestToken)).status).toBe(403);
    expect((await api('/category-map', {}, ingestToken)).status).toBe(200);
  });

  it('a viewer token cannot import', async () => {
    const file = path.join(dir, 'h.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 1, base: BASE, encoding: 'utf-8' });
    const res = await api('/imports?fileName=h.csv', { method: 'POST', body: await readFile(file) }, tokens.find((t) => t.role === 'viewer')!.token);
    expect(res.status).toBe(403);
  });
});
