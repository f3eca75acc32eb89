/**
 * 导入工单 through the whole console against a real hub (the embedded one, which imports): the chair's console
 * uploads a CSV in pieces, corrects a column the synonyms do not know, starts, follows the job to its report
 * (one refused row with its row, column and reason), downloads the refused rows, and the tickets arrive in
 * the console's store by the sync. The category map and the gazetteer through the same calls; a console whose
 * token is a viewer's is refused by the hub with its reason.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liandongContract, type ImportJob } from '../../../shared/contract';
import { createClient } from '../../../shared/rpc/client';
import { connectInMemory } from '../../../shared/rpc/memory-transport';
import { readConfig } from '../config';
import { startConsoleService, type ConsoleService } from '../console-service';
import { CHUNK_MAX_BYTES } from './uploads';

const RESOURCES = path.resolve(__dirname, '../../../resources');
let dir: string;
let svc: ConsoleService;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-console-import-'));
  svc = await startConsoleService({ config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: dir }), resourcesDir: RESOURCES, host: 'webhost', version: 'test', storeFile: ':memory:', autoEscalation: false });
  await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
});
afterAll(async () => {
  await svc?.close();
  await rm(dir, { recursive: true, force: true });
});

const client = () => createClient(liandongContract, connectInMemory(svc.server), { timeoutMs: 20_000 });
type C = ReturnType<typeof client>;

/** An export of `n` rows (over a MiB, so it travels in several pieces): row 3 of the data has a time nobody can read. */
function exportCsv(n: number): Buffer {
  const pad = 'x'.repeat(420);
  const lines = ['工单编号,受理时间,问题描述详情,事发地址,所属街道,问题分类'];
  for (let i = 0; i < n; i++) {
    const no = `12345-20261101-${String(900_000 + i).padStart(7, '0')}`;
    const at = i === 2 ? '上周三下午' : `2026-11-01 ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    lines.push([no, at, `导入测试第${i}号：楼道灯不亮${pad}`, `任港街道景华城${(i % 9) + 1}栋`, '任港街道', i % 2 ? '井盖缺失测试' : '物业管理'].join(','));
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

async function upload(c: C, bytes: Buffer, fileName: string) {
  const { uploadId } = await c.call('imports.begin', { fileName, size: bytes.length });
  for (let at = 0; at < bytes.length; at += CHUNK_MAX_BYTES) await c.call('imports.chunk', { uploadId, offset: at, data: bytes.subarray(at, at + CHUNK_MAX_BYTES).toString('base64') });
  return c.call('imports.preview', { uploadId });
}

async function settled(c: C, jobId: string): Promise<ImportJob> {
  let job = await c.call('imports.get', { jobId });
  await expect.poll(async () => (job = await c.call('imports.get', { jobId })).state, { timeout: 20_000, interval: 50 }).not.toBe('running');
  return job;
}

describe('importing through the chair console', () => {
  it('uploads, corrects a column, imports, reports the refused row, and the tickets arrive by the sync', async () => {
    const c = client();
    const bytes = exportCsv(2600);
    expect(bytes.length).toBeGreaterThan(CHUNK_MAX_BYTES);
    const preview = await upload(c, bytes, '工单导出 11月.csv');
    expect(preview).toMatchObject({ fileName: '工单导出 11月.csv', format: 'csv', encoding: 'utf-8', headerRow: 1, totalBytes: bytes.length });
    expect(preview.columns.map((col) => [col.header, col.field, col.by])).toEqual([
      ['工单编号', 'ticketNo', 'synonym'],
      ['受理时间', 'receivedAt', 'synonym'],
      ['问题描述详情', null, 'none'],
      ['事发地址', 'address', 'synonym'],
      ['所属街道', 'subDistrict', 'synonym'],
      ['问题分类', 'category1', 'synonym'],
    ]);
    expect(await readdir(path.join(dir, 'import-uploads'))).toEqual([]);

    const columns = preview.columns.map((col) => (col.header === '问题描述详情' ? 'summary' : col.field));
    const started = await c.call('imports.start', { jobId: preview.jobId, columns, saveMappingAs: '测试平台导出' });
    expect(['running', 'done']).toContain(started.state);
    const job = await settled(c, preview.jobId);
    expect(job.state).toBe('done');
    expect(job.report).toMatchObject({ rows: 2600, imported: 2599, refused: 1, otherCategory: 1300 });
    expect(job.report.refusedSample).toEqual([{ row: 4, ticketNo: '12345-20261101-0900002', column: '受理时间', reason: 'badTime', params: { value: '上周三下午' } }]);
    expect(job.report.unmappedCategories).toContainEqual(expect.objectContaining({ text: '井盖缺失测试', rows: 1300 }));

    const { fileName, csv } = await c.call('imports.refusedCsv', { jobId: preview.jobId });
    expect(fileName).toMatch(/\.csv$/);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('12345-20261101-0900002');
    expect(csv).toContain('上周三下午');

    await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
    const { ticket } = await c.call('tickets.get', { ticketNo: '12345-20261101-0900007' });
    expect(ticket.summary).toMatch(/^导入测试第7号：楼道灯不亮/);
    expect(ticket).toMatchObject({ subDistrictCode: '320613003', category: 'other' });
    expect(ticket.lng).not.toBeNull();

    expect((await c.call('imports.mappings', {})).mappings.map((m) => m.name)).toContain('测试平台导出');
    const jobs = (await c.call('imports.list', {})).jobs;
    expect(jobs.find((j) => j.id === preview.jobId)?.state).toBe('done');
  });

  it('saves the category map: an unknown text assigned moves its tickets to the new category', async () => {
    const c = client();
    const map = await c.call('imports.categoryMap', {});
    const unknown = map.unknown.find((u) => u.text === '井盖缺失测试');
    expect(unknown).toMatchObject({ rows: 1300 });
    const saved = await c.call('imports.saveCategoryMap', { entries: [...map.entries, { text: '井盖缺失测试', category: 'drains' }] });
    expect(saved.recategorised).toBe(1300);
    expect(saved.unknown.map((u) => u.text)).not.toContain('井盖缺失测试');
    await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
    expect((await c.call('tickets.get', { ticketNo: '12345-20261101-0900001' })).ticket.category).toBe('drains');
    await expect(c.call('imports.saveCategoryMap', { entries: [{ text: '某分类', category: 'noSuchCategory' }] })).rejects.toMatchObject({ code: 'badRequest', reason: 'import.badCategory' });
  });

  it('loads a gazetteer CSV and says which lines it refused and why', async () => {
    const c = client();
    const before = await c.call('imports.gazetteer', {});
    expect(before.source).toBe('builtIn');
    const loaded = await c.call('imports.loadGazetteer', { fileName: '地名库.csv', csv: '名称,经度,纬度,类型,街道\n景华城,120.861,32.021,小区,任港街道\n坏坐标小区,abc,32.0,小区,任港街道\n' });
    expect(loaded).toMatchObject({ source: '地名库.csv', refusedCount: 1 });
    expect(loaded.byKind.compound).toBeGreaterThanOrEqual(1);
    expect(loaded.refused).toEqual([expect.objectContaining({ row: 3, reason: 'badCoordinates' })]);
  });

  it('a file the hub cannot read is refused as a whole with its reason', async () => {
    const c = client();
    await expect(upload(c, Buffer.from('%PDF-1.7 not a spreadsheet\n'), '通知.pdf')).rejects.toMatchObject({ code: 'badRequest', reason: 'import.notSpreadsheet' });
    expect(await readdir(path.join(dir, 'import-uploads'))).toEqual([]);
  });

  it('a console with a viewer’s token is refused by the hub, with the role', async () => {
    const viewer = await startConsoleService({
      config: readConfig({ LIANDONG_HUB_URL: svc.embedded!.url, LIANDONG_HUB_TOKEN: svc.embedded!.hub.tokens.byRole('viewer')!.token }, { dataDir: path.join(dir, 'viewer') }),
      resourcesDir: RESOURCES,
      host: 'webhost',
      version: 'test',
      storeFile: ':memory:',
      autoEscalation: false,
    });
    try {
      await expect.poll(() => viewer.link.connected, { timeout: 10_000 }).toBe(true);
      const c = createClient(liandongContract, connectInMemory(viewer.server));
      await expect(c.call('imports.list', {})).rejects.toMatchObject({ code: 'unauthorized', reason: 'import.roleCannotImport', params: { role: 'viewer' } });
    } finally {
      await viewer.close();
    }
  });
});
