/**
 * A request with a body to the hub over node:http(s), for the calls that are not the change feed: JSON, or a
 * file streamed from disk (an import's upload is never read whole into memory). Uses the same keep-alive agents
 * (and so the same TLS material) as the pulls. The answer's body is collected up to a limit.
 * Time-out: the connection may be idle at most `idleMs` (an upload of a large file takes as long as it takes).
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { HttpGetError, type keepAliveAgents } from './http-get';

export type RequestBody = { kind: 'json'; value: unknown } | { kind: 'file'; path: string; size: number; contentType: string } | { kind: 'bytes'; data: Buffer; contentType: string };

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

export type HttpRequestOptions = {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: RequestBody;
  idleMs: number;
  agents?: ReturnType<typeof keepAliveAgents>;
  /** An answer longer than this is cut off and refused (default 64 MiB). */
  maxResponseBytes?: number;
};

export function httpRequest(url: string, opts: HttpRequestOptions): Promise<HttpResponse> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  if (!secure && u.protocol !== 'http:') return Promise.reject(new HttpGetError(`unsupported protocol ${u.protocol}`, false));
  const max = opts.maxResponseBytes ?? 64 * 1024 * 1024;
  const headers: Record<string, string> = { ...opts.headers };
  let payload: Buffer | undefined;
  const body = opts.body;
  if (body?.kind === 'json') {
    payload = Buffer.from(JSON.stringify(body.value), 'utf8');
    headers['Content-Type'] = 'application/json; charset=utf-8';
  } else if (body?.kind === 'bytes') {
    payload = body.data;
    headers['Content-Type'] = body.contentType;
  } else if (body?.kind === 'file') {
    headers['Content-Type'] = body.contentType;
    headers['Content-Length'] = String(body.size);
  }
  if (payload) headers['Content-Length'] = String(payload.length);

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    let responded = false;
    const req = (secure ? https : http).request(u, { method: opts.method, headers, agent: secure ? opts.agents?.https : opts.agents?.http }, (res) => {
      responded = true;
      const parts: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > max) {
          res.destroy();
          fail(new HttpGetError(`the hub's answer is over ${max} bytes`, true));
          return;
        }
        parts.push(chunk);
      });
      res.on('error', () => {}); // reported by 'close'
      res.on('close', () => {
        if (!res.complete) return fail(new HttpGetError(`the connection was lost after ${length} bytes of the answer`, true));
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) });
      });
    });
    req.setTimeout(opts.idleMs, () => req.destroy(new HttpGetError(`no progress for ${opts.idleMs} ms`, false, 'ETIMEDOUT')));
    req.on('error', (e) => {
      // Once the answer has begun, its own 'close' says whether it came whole (a hub that refuses an upload
      // early may reset the connection while the rest of the file is still on its way).
      if (responded) return;
      const code = (e as { code?: string }).code;
      fail(e instanceof HttpGetError ? e : new HttpGetError(e.message + (code ? ` (${code})` : ''), false, code));
    });
    if (body?.kind === 'file') {
      // Streamed from disk; a hub that answers early (a refusal) ends the upload, which is then not an error.
      pipeline(createReadStream(body.path), req).catch((e: unknown) => {
        if (!settled && !req.writableFinished) req.destroy(e instanceof Error ? e : new Error(String(e)));
      });
    } else {
      req.end(payload);
    }
  });
}
