/**
 * The console's side of 导入工单 against a stand-in for the hub's import API (an HTTP server that records what
 * it was sent): the file arrives from the screen in pieces into a temporary file, in order and to the byte, is
 * streamed to the hub and removed; refusals carry the hub's reason; offline, a station's console, an abandoned
 * upload.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importMethods, type ImportPreview } from '../../../shared/contract';
import { defineContract } from '../../../shared/rpc/define';
import { createClient } from '../../../shared/rpc/client';
import { createRpcServer } from '../../../shared/rpc/server';
import { connectInMemory } from '../../../shared/rpc/memory-transport';
import { HubLink } from '../sync/hub-link';
import { importHandlers } from '../handlers/imports';
import { ImportHub } from './import-hub';
import { CHUNK_MAX_BYTES, UploadStore } from './uploads';

/** The import methods alone (the console's other handlers are not part of this test). */
const contract = defineContract({ methods: importMethods, events: {} });

type Seen = { method: string; url: string; auth: string | undefined; type: string | undefined; bytes: Buffer };

const PREVIEW: ImportPreview = {
  jobId: 'job_0001',
  fileName: 'x.csv',
  format: 'csv',
  encoding: 'gb18030',
  encodingDetected: true,
  headerRow: 1,
  columns: [{ index: 0, header: '工单编号', field: 'ticketNo', by: 'synonym' }],
  rows: [['12345-1']],
  mappingName: null,
  totalBytes: 0,
};

let dir: string;
let hub: Server;
let hubUrl: string;
let seen: Seen[];
/** What the stand-in answers next (status and body), by path prefix. */
let answer: (req: IncomingMessage, body: Buffer) => { status: number; body: unknown; headers?: Record<string, string> };
let link: HubLink;
let online: boolean;
let uploads: UploadStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-import-'));
  seen = [];
  answer = (_req, body) => ({ status: 201, body: { ...PREVIEW, totalBytes: body.length } });
  hub = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const bytes = Buffer.concat(parts);
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], bytes });
    const a = answer(req, bytes);
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
    res.writeHead(a.status, { 'Content-Type': 'application/json', ...a.headers }).end(text);
  });
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  link = new HubLink({ url: hubUrl, token: 'ld_chair-token-for-tests' });
  online = true;
  uploads = new UploadStore(path.join(dir, 'import-uploads'));
  await uploads.start();
});
afterEach(async () => {
  await uploads.close();
  link.close();
  await new Promise((r) => hub.close(r));
  await rm(dir, { recursive: true, force: true });
});

function client(role: 'console' | 'station' = 'console') {
  const hubLink = { get connected() { return online; }, api: link.api.bind(link) };
  const server = createRpcServer(contract, importHandlers({ hub: new ImportHub(hubLink), uploads, role }), { onInternalError: (m, e) => console.error(m, e) });
  return createClient(contract, connectInMemory(server));
}
type C = ReturnType<typeof client>;

async function upload(c: C, bytes: Buffer, fileName = '工单导出.csv'): Promise<string> {
  const { uploadId } = await c.call('imports.begin', { fileName, size: bytes.length });
  for (let at = 0; at < bytes.length; at += CHUNK_MAX_BYTES) {
    const { received } = await c.call('imports.chunk', { uploadId, offset: at, data: bytes.subarray(at, at + CHUNK_MAX_BYTES).toString('base64') });
    expect(received).toBe(Math.min(bytes.length, at + CHUNK_MAX_BYTES));
  }
  return uploadId;
}
const files = async () => readdir(path.join(dir, 'import-uploads')).catch(() => []);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('an import upload', () => {
  it('arrives in pieces, goes to the hub whole with the chair token, and leaves nothing behind', async () => {
    const c = client();
    const bytes = randomBytes(2 * CHUNK_MAX_BYTES + 12_345);
    const uploadId = await upload(c, bytes);
    expect(await files()).toHaveLength(1);
    const preview = await c.call('imports.preview', { uploadId });
    expect(preview).toEqual({ ...PREVIEW, totalBytes: bytes.length });
    const [sent] = seen;
    expect(sent).toMatchObject({ method: 'POST', url: `/api/v1/imports?fileName=${encodeURIComponent('工单导出.csv')}`, auth: 'Bearer ld_chair-token-for-tests', type: 'application/octet-stream' });
    expect(sha(sent!.bytes)).toBe(sha(bytes));
    expect(await files()).toEqual([]);
    expect(uploads.size).toBe(0);
    // Asked again (a screen whose call timed out meanwhile): the same answer, not a second transfer.
    expect(await c.call('imports.preview', { uploadId })).toEqual(preview);
    expect(seen).toHaveLength(1);
  });

  it('takes pieces only in order and only up to the size announced; a preview waits for every byte', async () => {
    const c = client();
    const bytes = randomBytes(3000);
    const { uploadId } = await c.call('imports.begin', { fileName: 'a.csv', size: bytes.length });
    await expect(c.call('imports.chunk', { uploadId, offset: 1000, data: bytes.subarray(1000, 2000).toString('base64') })).rejects.toMatchObject({ code: 'conflict', reason: 'import.uploadOrder', params: { offset: 1000, expected: 0 } });
    await c.call('imports.chunk', { uploadId, offset: 0, data: bytes.subarray(0, 1000).toString('base64') });
    await expect(c.call('imports.chunk', { uploadId, offset: 0, data: bytes.subarray(0, 1000).toString('base64') })).rejects.toMatchObject({ reason: 'import.uploadOrder' });
    await expect(c.call('imports.chunk', { uploadId, offset: 1000, data: randomBytes(2500).toString('base64') })).rejects.toMatchObject({ code: 'badRequest', reason: 'import.sizeMismatch' });
    await expect(c.call('imports.chunk', { uploadId, offset: 1000, data: 'not base64!' })).rejects.toMatchObject({ reason: 'import.badChunk' });
    await expect(c.call('imports.preview', { uploadId })).rejects.toMatchObject({ code: 'badRequest', reason: 'import.incomplete', params: { got: 1000, size: 3000 } });
    expect(seen).toEqual([]);
    await c.call('imports.chunk', { uploadId, offset: 1000, data: bytes.subarray(1000).toString('base64') });
    await c.call('imports.preview', { uploadId });
    expect(sha(seen[0]!.bytes)).toBe(sha(bytes));
    await expect(c.call('imports.chunk', { uploadId: 'no-such-upload', offset: 0, data: 'AA==' })).rejects.toMatchObject({ code: 'notFound', reason: 'import.uploadGone' });
    await expect(c.call('imports.begin', { fileName: 'empty.csv', size: 0 })).rejects.toMatchObject({ reason: 'import.empty' });
  });

  it('passes the hub’s refusal of a file on with its reason, and removes the file', async () => {
    const c = client();
    answer = () => ({ status: 400, body: { error: { code: 'badRequest', message: 'an .xls workbook', reason: 'import.oldExcel' } } });
    const uploadId = await upload(c, Buffer.from('\xd0\xcf\x11\xe0 old excel', 'latin1'), '旧表.xls');
    await expect(c.call('imports.preview', { uploadId })).rejects.toMatchObject({ code: 'badRequest', reason: 'import.oldExcel' });
    expect(await files()).toEqual([]);
    // A second try finds the upload gone (the file was refused as a whole).
    await expect(c.call('imports.preview', { uploadId })).rejects.toMatchObject({ reason: 'import.uploadGone' });
  });

  it('keeps an upload the hub did not take because it was out of reach, and sends it again', async () => {
    const c = client();
    const bytes = randomBytes(5000);
    const uploadId = await upload(c, bytes);
    const port = (hub.address() as AddressInfo).port;
    await new Promise((r) => hub.close(r));
    await expect(c.call('imports.preview', { uploadId })).rejects.toMatchObject({ code: 'unavailable', reason: 'hubNoAnswer' });
    expect(await files()).toHaveLength(1);
    await new Promise<void>((r) => hub.listen(port, '127.0.0.1', r));
    expect((await c.call('imports.preview', { uploadId })).totalBytes).toBe(5000);
    expect(sha(seen.at(-1)!.bytes)).toBe(sha(bytes));
    expect(await files()).toEqual([]);
  });

  it('gives up an upload left unfinished, and on start removes what a previous run left', async () => {
    let now = 1_000_000;
    const store = new UploadStore(path.join(dir, 'swept'), () => now, 60_000);
    await mkdir(path.join(dir, 'swept'), { recursive: true });
    await writeFile(path.join(dir, 'swept', 'old.upload'), 'left by a crash');
    await store.start();
    expect(await readdir(path.join(dir, 'swept')).catch(() => [])).toEqual([]);
    const id = await store.begin('a.csv', 10);
    await store.chunk(id, 0, Buffer.from('12345').toString('base64'));
    now += 61_000;
    await store.begin('b.csv', 10); // a begin sweeps too
    await expect(store.chunk(id, 5, Buffer.from('67890').toString('base64'))).rejects.toMatchObject({ reason: 'import.uploadGone' });
    expect(await readdir(path.join(dir, 'swept'))).toHaveLength(1);
    await store.close();
    expect(await readdir(path.join(dir, 'swept'))).toEqual([]);
  });
});

describe('the import calls', () => {
  it('need the hub: offline, each is refused with offlineHubNeeded before anything is sent', async () => {
    const c = client();
    online = false;
    await expect(c.call('imports.begin', { fileName: 'a.csv', size: 10 })).rejects.toMatchObject({ code: 'unavailable', reason: 'offlineHubNeeded' });
    await expect(c.call('imports.list', {})).rejects.toMatchObject({ code: 'unavailable', reason: 'offlineHubNeeded' });
    await expect(c.call('imports.categoryMap', {})).rejects.toMatchObject({ reason: 'offlineHubNeeded' });
    expect(seen).toEqual([]);
  });

  it('are the command centre’s: a station’s console refuses them (chairOnly)', async () => {
    const c = client('station');
    await expect(c.call('imports.begin', { fileName: 'a.csv', size: 10 })).rejects.toMatchObject({ code: 'unauthorized', reason: 'chairOnly' });
    await expect(c.call('imports.gazetteer', {})).rejects.toMatchObject({ code: 'unauthorized', reason: 'chairOnly' });
    expect(seen).toEqual([]);
  });

  it('map the hub’s refusals to codes and reasons, and refuse an answer not in the contract’s form', async () => {
    const c = client();
    answer = () => ({ status: 400, body: { error: { code: 'badRequest', message: 'x', reason: 'import.missingFields', params: { fields: 'ticketNo' } } } });
    await expect(c.call('imports.start', { jobId: 'job_0001', columns: [null] })).rejects.toMatchObject({ code: 'badRequest', reason: 'import.missingFields', params: { fields: 'ticketNo' } });
    expect(JSON.parse(seen[0]!.bytes.toString())).toEqual({ columns: [null] });
    answer = () => ({ status: 409, body: { error: { code: 'conflict', message: 'running', reason: 'import.notPreviewing' } } });
    await expect(c.call('imports.start', { jobId: 'job_0001', columns: ['ticketNo'] })).rejects.toMatchObject({ code: 'conflict', reason: 'import.notPreviewing' });
    answer = () => ({ status: 403, body: { error: { code: 'forbidden', message: 'a viewer token cannot import' } } });
    await expect(c.call('imports.list', {})).rejects.toMatchObject({ code: 'unauthorized', reason: 'chairOnly' });
    answer = () => ({ status: 404, body: { error: { code: 'notFound', message: 'not found' } } });
    await expect(c.call('imports.get', { jobId: 'job_9999' })).rejects.toMatchObject({ code: 'notFound', reason: 'import.notFound' });
    answer = () => ({ status: 500, body: 'oops' });
    await expect(c.call('imports.gazetteer', {})).rejects.toMatchObject({ code: 'unavailable', reason: 'hubInternal' });
    answer = () => ({ status: 200, body: { jobs: [{ id: 'job_0001' }] } });
    await expect(c.call('imports.list', {})).rejects.toMatchObject({ code: 'internal', reason: 'hubUnreadable' });
  });

  it('hand the refused rows over as the hub’s CSV, byte order mark included, and a gazetteer as UTF-8', async () => {
    const c = client();
    answer = () => ({ status: 200, body: '\ufeff行号,工单编号,列,原因\r\n3,,受理时间,日期无法识别\r\n', headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="refused-job_0001.csv"' } });
    expect(await c.call('imports.refusedCsv', { jobId: 'job_0001' })).toEqual({ fileName: 'refused-job_0001.csv', csv: '\ufeff行号,工单编号,列,原因\r\n3,,受理时间,日期无法识别\r\n' });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/v1/imports/job_0001/refused.csv' });
    const loaded = { entries: 2, byKind: { compound: 1, road: 1, landmark: 0, community: 0 }, source: '地名.csv', loadedAt: 5, refused: [], refusedCount: 0 };
    answer = () => ({ status: 200, body: loaded });
    expect(await c.call('imports.loadGazetteer', { fileName: '地名.csv', csv: '名称,经度,纬度\n景华城,120.9,32.0\n' })).toEqual(loaded);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: `/api/v1/gazetteer?fileName=${encodeURIComponent('地名.csv')}`, type: 'text/csv; charset=utf-8' });
    expect(seen.at(-1)!.bytes.toString('utf8')).toBe('名称,经度,纬度\n景华城,120.9,32.0\n');
  });
});
