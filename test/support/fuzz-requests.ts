/**
 * A seeded corpus of malformed HTTP requests and WebSocket upgrades for the servers' fuzz test: bad request
 * targets (`//`, `%`, overlong), bad methods, bad and missing headers, `Origin: null` and odd origins, broken
 * upgrades, truncated and oversized bodies, invalid JSON and wrong types. Each is raw bytes; the client
 * half-closes after sending, so a server that waits for more has its answer due at once.
 */
import { prng } from '../../hub/demo/ticket-generator';

export type FuzzCase = { name: string; bytes: string };

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const TARGETS = [
  '//',
  '//api/v1/health',
  '%',
  '/%',
  '/%zz',
  '/%00',
  '*',
  'http://evil.example/api/v1/health',
  'api/v1/health',
  '/api/v1/',
  '/api/v1/changes?after=-1',
  '/api/v1/changes?after=abc&limit=999999999',
  '/api/v1/changes?after=1e400',
  '/api/v1/changes?after=0&after=1',
  '/api/v1/tickets',
  '/api/v1/tickets?x=%E0%A4%A',
  '/api/v1/health/../../etc/passwd',
  '/socket.io/?EIO=4&transport=polling',
  '/socket.io/?EIO=99&transport=carrier-pigeon',
  '/socket.io/?EIO=4&transport=websocket&sid=nope',
  '/v1/',
  '/rpc',
  '/rpc?token=',
  '/rpc?token=%ff%fe',
  '/index.html',
  '/assets/../../package.json',
  '/\u0000',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT', 'FOO', 'G\tET', ''];
const ORIGINS = ['null', 'http://evil.example', '::::', 'file://', 'http://', 'http://[::1', '\u00ff\u00fe', 'https://127.0.0.1:1'];
const AUTHS = ['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer ' + 'x'.repeat(5000), 'Bearer a b c', 'bearer\u0000x'];
const BODIES = [
  '{not json',
  '{"records":',
  '{"records":[]}',
  '{"records":[null,1,"x",[],{}]}',
  '{"records":{"length":10}}',
  '{"ticket":{"ticketNo":123},"timeline":"none"}',
  '[]',
  'null',
  '"string"',
  '{"__proto__":{"admin":true}}',
  '\u00ff\u00fe\u0000\u0001',
  JSON.stringify({ records: Array.from({ length: 3 }, () => ({ ticket: { ticketNo: 'X'.repeat(70) }, timeline: [] })) }),
];

function headerBlock(lines: string[]): string {
  return lines.join('\r\n') + '\r\n\r\n';
}

/** `n` cases for a server at `host` (its Host header), seeded. `token` is a valid one, to reach deeper paths. */
export function fuzzCorpus(n: number, seed: number, host: string, token: string): FuzzCase[] {
  const rnd = prng(seed);
  const out: FuzzCase[] = [
    // Always in: the two requests that used to stop a process.
    { name: 'GET //', bytes: headerBlock(['GET // HTTP/1.1', `Host: ${host}`]) },
    { name: 'upgrade with Origin: null', bytes: headerBlock([`GET /rpc?token=${token} HTTP/1.1`, `Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', 'Origin: null']) },
    { name: 'upgrade to //', bytes: headerBlock(['GET // HTTP/1.1', `Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13']) },
  ];
  while (out.length < n) {
    const kind = Math.floor(rnd() * 8);
    const target = rnd() < 0.1 ? '/' + 'a'.repeat(20_000 + Math.floor(rnd() * 50_000)) : pick(rnd, TARGETS);
    const method = pick(rnd, METHODS);
    const headers: string[] = [];
    if (rnd() < 0.9) headers.push(`Host: ${rnd() < 0.9 ? host : pick(rnd, ['', 'evil.example', '::', 'x'.repeat(300)])}`);
    if (rnd() < 0.5) headers.push(`Authorization: ${rnd() < 0.3 ? `Bearer ${token}` : pick(rnd, AUTHS)}`);
    if (rnd() < 0.4) headers.push(`Origin: ${pick(rnd, ORIGINS)}`);
    switch (kind) {
      case 0: // a plain request, odd method or target
        out.push({ name: `${method} ${target.slice(0, 40)}`, bytes: headerBlock([`${method} ${target} HTTP/1.1`, ...headers]) });
        break;
      case 1: {
        // a body: invalid JSON, wrong types, and a Content-Length that is a lie (more declared than sent)
        const body = pick(rnd, BODIES);
        const declared = rnd() < 0.3 ? body.length + 1 + Math.floor(rnd() * 1000) : Buffer.byteLength(body);
        out.push({ name: `POST body ${body.slice(0, 20)}`, bytes: headerBlock([`POST /api/v1/tickets HTTP/1.1`, ...headers, 'Content-Type: application/json', `Content-Length: ${declared}`]) + body });
        break;
      }
      case 2: // an oversized declared body, or a nonsense length
        out.push({ name: 'oversized', bytes: headerBlock([`POST /api/v1/tickets HTTP/1.1`, ...headers, `Content-Length: ${pick(rnd, ['999999999999', '-1', 'abc', '1, 2', '68000000'])}`]) + '{"records":[' });
        break;
      case 3: // broken chunked encoding
        out.push({ name: 'bad chunked', bytes: headerBlock([`POST /api/v1/tickets HTTP/1.1`, ...headers, 'Transfer-Encoding: chunked']) + pick(rnd, ['zz\r\n{}\r\n0\r\n\r\n', '5\r\n{"rec\r\n', 'ffffffffffff\r\n', '3\r\n{}\r\n']) });
        break;
      case 4: {
        // a WebSocket upgrade, broken in one way or another
        const up = ['Upgrade: websocket', 'Connection: Upgrade'];
        if (rnd() < 0.7) up.push(`Sec-WebSocket-Key: ${pick(rnd, ['dGhlIHNhbXBsZSBub25jZQ==', '', 'short', '!!!!'])}`);
        if (rnd() < 0.7) up.push(`Sec-WebSocket-Version: ${pick(rnd, ['13', '8', 'x', ''])}`);
        const wsTarget = pick(rnd, ['//', '/rpc', `/rpc?token=${token}`, `/rpc?token=${token}&token=x`, '/socket.io/?EIO=4&transport=websocket', '/v1', target]);
        out.push({ name: `upgrade ${wsTarget.slice(0, 30)}`, bytes: headerBlock([`GET ${wsTarget} HTTP/1.1`, ...headers, ...up]) });
        break;
      }
      case 5: // not HTTP at all
        out.push({ name: 'garbage', bytes: pick(rnd, ['\u0016\u0003\u0001\u0000\u00a5\u0001', 'GET\r\n\r\n', 'HELLO\r\n', '\r\n\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1\r\nX: ' + 'y'.repeat(20_000) + '\r\n\r\n']) });
        break;
      case 6: // header lines a parser must refuse
        out.push({ name: 'bad header', bytes: headerBlock([`GET ${pick(rnd, TARGETS)} HTTP/1.1`, ...headers, pick(rnd, ['Bad Header: x', ': novalue', 'X-\u0000: y', 'Content-Length: 1\r\nContent-Length: 2', ' folded: line'])]) });
        break;
      default: // the change feed and health with odd queries and tokens
        out.push({ name: 'feed', bytes: headerBlock([`GET /api/v1/changes?after=${pick(rnd, ['0', '-5', '99999999999999999999', 'NaN', ''])}&limit=${pick(rnd, ['1', '0', '10001', 'x'])} HTTP/1.1`, ...headers]) });
    }
  }
  return out;
}
