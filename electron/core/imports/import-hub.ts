/**
 * The hub's import API (docs/hub-protocol.md, "Imports") as the console calls it: the chair's token and the
 * sync's TLS material (HubLink.api), every answer checked against the contract's schemas, and every refusal
 * turned into an RpcError that carries the hub's reason (the screen says it in the user's words).
 */
import { z } from 'zod';
import { CategoryMap, CategoryMapSaved, GazetteerInfo, GazetteerLoaded, ImportJob, ImportPreview, SavedMapping, type CategoryMapEntry, type ImportEncoding, type ImportStart } from '../../../shared/contract';
import { ErrorCode, ErrorParams, ErrorReason, hubReason, RpcError, type ErrorDetail } from '../../../shared/rpc/errors';
import type { HubLink } from '../sync/hub-link';
import type { RequestBody } from '../sync/http-request';
import type { Upload } from './uploads';

const HubErrorBody = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(4000).default(''), reason: ErrorReason.optional(), params: ErrorParams.optional() }) });

/** An upload may stall this long (the hub reading a large workbook) before it is given up. */
const UPLOAD_IDLE_MS = 120_000;
const CALL_IDLE_MS = 60_000;
const LIST_MAX = 50;

export type ImportHubLink = Pick<HubLink, 'api' | 'connected'>;

export class ImportHub {
  constructor(private readonly link: ImportHubLink) {}

  get connected(): boolean {
    return this.link.connected;
  }

  /** Send an uploaded file (streamed from its temporary file) and answer the hub's preview. */
  upload(u: Upload): Promise<ImportPreview> {
    return this.call(ImportPreview, 'POST', `/imports?fileName=${encodeURIComponent(u.fileName)}`, { kind: 'file', path: u.file, size: u.size, contentType: 'application/octet-stream' }, UPLOAD_IDLE_MS);
  }
  preview(jobId: string, with_: { encoding?: ImportEncoding; mappingName?: string }): Promise<ImportPreview> {
    return this.call(ImportPreview, 'POST', `/imports/${jobId}/preview`, { kind: 'json', value: with_ });
  }
  start(jobId: string, start: ImportStart): Promise<ImportJob> {
    return this.call(ImportJob, 'POST', `/imports/${jobId}/start`, { kind: 'json', value: start });
  }
  get(jobId: string): Promise<ImportJob> {
    return this.call(ImportJob, 'GET', `/imports/${jobId}`);
  }
  cancel(jobId: string): Promise<ImportJob> {
    return this.call(ImportJob, 'POST', `/imports/${jobId}/cancel`, { kind: 'json', value: {} });
  }
  resume(jobId: string): Promise<ImportJob> {
    return this.call(ImportJob, 'POST', `/imports/${jobId}/resume`, { kind: 'json', value: {} });
  }
  async list(): Promise<{ jobs: ImportJob[] }> {
    const { jobs } = await this.call(z.object({ jobs: z.array(ImportJob) }), 'GET', '/imports');
    return { jobs: jobs.slice(0, LIST_MAX) };
  }
  async refusedCsv(jobId: string): Promise<{ fileName: string; csv: string }> {
    const res = await this.send('GET', `/imports/${jobId}/refused.csv`);
    const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(String(res.headers['content-disposition'] ?? ''));
    // Kept as the hub wrote it, byte order mark included (Excel reads the UTF-8 by it).
    return { fileName: named ? decodeURIComponent(named[1]!) : `liandong-import-${jobId}-refused.csv`, csv: res.body.toString('utf8') };
  }
  mappings(): Promise<{ mappings: SavedMapping[] }> {
    return this.call(z.object({ mappings: z.array(SavedMapping).max(200) }), 'GET', '/import-mappings');
  }
  categoryMap(): Promise<CategoryMap> {
    return this.call(CategoryMap, 'GET', '/category-map');
  }
  saveCategoryMap(entries: CategoryMapEntry[]): Promise<CategoryMapSaved> {
    return this.call(CategoryMapSaved, 'PUT', '/category-map', { kind: 'json', value: { entries } });
  }
  gazetteer(): Promise<GazetteerInfo> {
    return this.call(GazetteerInfo, 'GET', '/gazetteer');
  }
  loadGazetteer(fileName: string, csv: string): Promise<GazetteerLoaded> {
    return this.call(GazetteerLoaded, 'PUT', `/gazetteer?fileName=${encodeURIComponent(fileName)}`, { kind: 'bytes', data: Buffer.from(csv, 'utf8'), contentType: 'text/csv; charset=utf-8' });
  }

  private async call<S extends z.ZodType>(schema: S, method: 'GET' | 'POST' | 'PUT', path: string, body?: RequestBody, idleMs = CALL_IDLE_MS): Promise<z.output<S>> {
    const res = await this.send(method, path, body, idleMs);
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new RpcError('internal', `the hub answered ${method} ${path} with something other than JSON`, { reason: 'hubUnreadable' });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RpcError('internal', `the hub's answer to ${method} ${path} is not in the contract's form: ${parsed.error.message.slice(0, 300)}`, { reason: 'hubUnreadable' });
    return parsed.data;
  }

  /** The hub's answer with a 2xx status; anything else thrown as the hub's reason. */
  private async send(method: 'GET' | 'POST' | 'PUT', path: string, body?: RequestBody, idleMs = CALL_IDLE_MS) {
    if (!this.link.connected) throw new RpcError('unavailable', 'imports are done at the hub: offline now', { reason: 'offlineHubNeeded' });
    let res;
    try {
      res = await this.link.api(method, path, body, idleMs);
    } catch (e) {
      throw new RpcError('unavailable', `the hub did not answer: ${e instanceof Error ? e.message : String(e)}`, { reason: 'hubNoAnswer' });
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw refusal(res.status, res.body, path);
  }
}

/** A hub's refusal as an RpcError: its code where the contract knows it (else one for the status) and its
 * reason, or one that says what the status means. */
export function refusal(status: number, body: Buffer, path: string): RpcError {
  let parsed: z.infer<typeof HubErrorBody>['error'] | undefined;
  try {
    const r = HubErrorBody.safeParse(JSON.parse(body.toString('utf8')));
    if (r.success) parsed = r.data.error;
  } catch {
    // not JSON: the status alone says it
  }
  const known = ErrorCode.safeParse(parsed?.code);
  const code = known.success ? known.data : status === 401 || status === 403 ? 'unauthorized' : status === 404 ? 'notFound' : status === 409 ? 'conflict' : status === 429 || status >= 500 ? 'unavailable' : 'badRequest';
  const detail: ErrorDetail | undefined = parsed?.reason ? hubReason(parsed) : { reason: fallbackReason(status, path) };
  return new RpcError(code, `hub ${status}${parsed ? ` ${parsed.code}: ${parsed.message}` : ''}`.slice(0, 4000), detail?.reason ? detail : undefined);
}

function fallbackReason(status: number, path: string): string | undefined {
  if (status === 401) return 'tokenRefused';
  if (status === 403) return 'chairOnly';
  if (status === 404) return /^\/imports\/[^/?]+/.test(path) ? 'import.notFound' : 'import.hubWithoutImports';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'hubInternal';
  return undefined;
}
