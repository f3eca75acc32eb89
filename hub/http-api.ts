/**
 * The hub's HTTP API (see docs/hub-protocol.md):
 *   POST /api/v1/tickets          ingest (ingest token)
 *   GET  /api/v1/changes?after&limit   the change feed (chair, viewer, station tokens; a station sees its sub-district only)
 *   GET  /api/v1/health           liveness (no token)
 * Every body is validated; a bad record is rejected by index with its reason, the valid ones are stored.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestPath } from '../shared/request-target';
import { describeZodError } from '../shared/rpc/errors';
import { CHANGES_DEFAULT_LIMIT, CHANGES_MAX_LIMIT, HUB_API, HUB_MAX_BODY_BYTES, IngestRequest, type HubIdentity } from '../shared/hub-protocol';
import { ingestRecords } from './ingest';
import { TicketRecord } from '../shared/domain/ticket';
import { bearer } from './auth';
import { RATE_LIMITED, type Gate } from './gate';
import type { HubStore, StoredChange } from './store/hub-store';
import { handleImportRoute } from './import/import-api';
import { ImportError, type Importer } from './import/importer';

const STREAM_CHUNK = 500;

/** Wait until the response can take more; false when the client has gone away. */
function writable(res: ServerResponse): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  if (!res.writableNeedDrain) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

export type HttpApiDeps = {
  store: HubStore;
  gate: Gate;
  clock: () => number;
  /** Called with every change recorded, in seq order (the realtime side pushes them). */
  onChanges: (changes: StoredChange[]) => void;
  /** Imports of the platforms' spreadsheet exports (routes under /imports, /category-map, /gazetteer …). */
  importer?: Importer;
};

const STATUS_CODE: Record<number, string> = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 409: 'conflict', 413: 'tooLarge' };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > HUB_MAX_BODY_BYTES) throw new HttpError(413, 'tooLarge', `body over ${HUB_MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > HUB_MAX_BODY_BYTES) throw new HttpError(413, 'tooLarge', `body over ${HUB_MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function authenticate(req: IncomingMessage, deps: HttpApiDeps): HubIdentity {
  const admission = deps.gate.admit(bearer(req.headers.authorization), req.socket.remoteAddress ?? '?', req, 'http');
  if (!admission.ok) throw new HttpError(admission.status, admission.code, admission.message + (admission.status === 401 ? ': send "Authorization: Bearer <token>"' : ''));
  if (!deps.gate.take(admission.who)) throw new HttpError(429, 'unavailable', RATE_LIMITED);
  return admission.who;
}

export function createHttpApi(deps: HttpApiDeps) {
  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = authenticate(req, deps);
    if (who.role !== 'ingest') throw new HttpError(403, 'forbidden', `a ${who.role} token cannot ingest tickets: the city platforms' feed has its own token (role ingest)`);
    let json: unknown;
    let text: string;
    try {
      text = await readBody(req);
      json = JSON.parse(text);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, 'badRequest', `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const envelope = IngestRequest.safeParse(json);
    if (!envelope.success) {
      // One record sent alone: name its fields as the batch form does, not the union's "(root)".
      const isBatch = typeof json === 'object' && json !== null && 'records' in json;
      const single = isBatch ? undefined : TicketRecord.safeParse(json);
      const why = single && !single.success ? describeZodError(single.error) : describeZodError(envelope.error);
      throw new HttpError(400, 'badRequest', `expected a ticket record or {records: [...]}: ${why}`);
    }
    const raw: unknown[] = 'records' in envelope.data ? envelope.data.records : [json];
    const { created: _created, ...result } = await ingestRecords(deps.store, raw, deps.clock(), deps.onChanges, { tokenId: who.id, who: who.name, address: req.socket.remoteAddress ?? null, digest: createHash('sha256').update(text).digest('base64url') });
    sendJson(res, result.rejected.length && !result.accepted ? 400 : 200, result);
  }

  async function changes(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const who = authenticate(req, deps);
    if (who.role === 'ingest') throw new HttpError(403, 'forbidden', 'an ingest token feeds tickets in; it does not read the change feed');
    const after = parseIntParam(url, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = parseIntParam(url, 'limit', CHANGES_DEFAULT_LIMIT, 1, CHANGES_MAX_LIMIT);
    const headSeq = deps.store.head;
    const scope = who.role === 'station' ? who.stationCode : null;
    // Streamed in chunks: a page of 10,000 never sits whole in memory, and the store is not held while
    // the client reads. A client that goes away ends the loop.
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.write('{"changes":[');
    let lastSeq = after;
    let n = 0;
    while (n < limit) {
      const rows = await deps.store.changesChunk(lastSeq, Math.min(STREAM_CHUNK, limit - n), scope);
      // One write per chunk (not per row): each write is a chunk on the wire and a call into the socket.
      const parts: Buffer[] = [];
      for (const row of rows) {
        // body is the canonical {"ticket":…,"timeline":…}; splice seq and changedAt in front.
        parts.push(Buffer.from(`${n ? ',' : ''}{"seq":${row.seq},"changedAt":${row.changed_at},`), row.body.subarray(1));
        lastSeq = row.seq;
        n++;
      }
      if (parts.length) res.write(Buffer.concat(parts));
      if (rows.length < STREAM_CHUNK) break;
      if (!(await writable(res))) return;
    }
    const hasMore = n === limit && lastSeq < headSeq;
    res.end(`],"lastSeq":${lastSeq},"headSeq":${Math.max(headSeq, lastSeq)},"hasMore":${hasMore}}`);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = requestPath(req.url);
    if (!url) {
      sendJson(res, 400, { error: { code: 'badRequest', message: 'the request target is not a path' } });
      return true;
    }
    if (!url.pathname.startsWith(HUB_API + '/')) return false;
    try {
      const route = `${req.method} ${url.pathname.slice(HUB_API.length)}`;
      if (route === 'POST /tickets') await ingest(req, res);
      else if (route === 'GET /changes') await changes(req, res, url);
      else if (route === 'GET /health') sendJson(res, 200, { ok: true, headSeq: deps.store.head });
      else if (deps.importer && (await handleImportRoute(deps.importer, () => authenticate(req, deps), route, url, req, res))) return true;
      else throw new HttpError(404, 'notFound', `no such endpoint: ${req.method} ${url.pathname}`);
    } catch (e) {
      if (res.headersSent) {
        res.destroy(e instanceof Error ? e : undefined);
      } else if (e instanceof ImportError) {
        sendJson(res, e.status, { error: { code: STATUS_CODE[e.status] ?? 'badRequest', message: e.message, reason: e.reason, ...(e.params ? { params: e.params } : {}) } });
      } else if (e instanceof HttpError) {
        sendJson(res, e.status, { error: { code: e.code, message: e.message } });
      } else {
        sendJson(res, 500, { error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } });
      }
    }
    return true;
  };
}

function parseIntParam(url: URL, name: string, dflt: number, min: number, max: number): number {
  const v = url.searchParams.get(name);
  if (v === null) return dflt;
  if (!/^\d{1,16}$/.test(v) || Number(v) < min || Number(v) > max) throw new HttpError(400, 'badRequest', `${name} must be an integer from ${min} to ${max}`);
  return Number(v);
}

