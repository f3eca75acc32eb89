import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readConfig } from '../core/config';
import { startConsoleService, type ConsoleService } from '../core/console-service';
import { rawExchange, upgradeRequest } from '../../test/support/raw-http';
import { resolveInside } from './static-files';
import { startWebHost, type WebHost } from './web-host';
import { inProcessCore } from '../core/host/in-process';

let dir: string;
let svc: ConsoleService;
let host: WebHost;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-wh-'));
  await mkdir(path.join(dir, 'static', 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'static', 'index.html'), '<!doctype html><title>wall</title>');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the static folder');
  svc = await startConsoleService({
    config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: dir }),
    resourcesDir: path.resolve(__dirname, '../../resources'),
    host: 'webhost',
    version: 'test',
    storeFile: ':memory:',
  });
  await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
  host = await startWebHost({ core: inProcessCore(svc.server), staticDir: path.join(dir, 'static') });
});
afterAll(async () => {
  await host.close();
  await svc.close();
  await rm(dir, { recursive: true, force: true });
});

/** Open a socket and collect every message; resolves once open, or rejects with the HTTP refusal. */
function open(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const messages: any[] = [];
  const waiters: ((m: any) => void)[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    const w = waiters.shift();
    if (w) w(m);
    else messages.push(m);
  });
  const next = () => new Promise<any>((resolve) => (messages.length ? resolve(messages.shift()) : waiters.push(resolve)));
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, next, ready };
}
const rpcUrl = (token: string) => `${host.url.replace('http', 'ws')}rpc?token=${encodeURIComponent(token)}`;

describe('web host', () => {
  it('listens on loopback only by default', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.wallUrl).toBe(`${host.url}?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with a Content-Security-Policy, and nothing outside its folder', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<title>wall</title>');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      expect((await fetch(host.url.slice(0, -1) + p)).status, p).toBe(404);
    }
    expect(resolveInside('/srv/r', '/../x')).toBeUndefined();
    expect(resolveInside('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
  });

  it('refuses a connection without the token, or with a wrong one', async () => {
    await expect(open(rpcUrl('')).ready).rejects.toThrow('HTTP 401');
    await expect(open(rpcUrl('wrong')).ready).rejects.toThrow('HTTP 401');
  });

  it('gives extra wall screens a read-only token: they read, they cannot act or change settings', async () => {
    expect(host.viewerUrl).toBe(`${host.url}?token=${host.wallToken}`);
    expect(host.wallToken).not.toBe(host.token);
    const c = open(rpcUrl(host.wallToken));
    await c.ready;
    c.ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'tickets.list', input: { limit: 1 } }));
    expect(await c.next()).toMatchObject({ id: 1, ok: true });
    c.ws.send(JSON.stringify({ kind: 'request', id: 2, method: 'settings.setWall', input: {} }));
    expect(await c.next()).toMatchObject({ id: 2, ok: false, error: { code: 'unauthorized', message: expect.stringContaining('只读') } });
    c.ws.send(JSON.stringify({ kind: 'request', id: 3, method: 'audit.list', input: {} }));
    expect(await c.next()).toMatchObject({ id: 3, ok: false, error: { code: 'unauthorized' } });
    c.ws.close();
  });

  it('refuses a page from another origin even with the token', async () => {
    await expect(open(rpcUrl(host.token), { Origin: 'http://evil.example' }).ready).rejects.toThrow('HTTP 403');
  });

  it('survives upgrades to `//` and from `Origin: null`, refusing each, and keeps serving', async () => {
    const hostHeader = `127.0.0.1:${host.port}`;
    const slash = await rawExchange(host.port, upgradeRequest('//', hostHeader));
    expect(slash.status).toBe(404);
    const nullOrigin = await rawExchange(host.port, upgradeRequest(`/rpc?token=${host.token}`, hostHeader, { Origin: 'null' }));
    expect(nullOrigin.status).toBe(403);
    const garbageOrigin = await rawExchange(host.port, upgradeRequest(`/rpc?token=${host.token}`, hostHeader, { Origin: '::::' }));
    expect(garbageOrigin.status).toBe(403);
    expect((await rawExchange(host.port, `GET // HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`)).status).toBe(400);
    // Still up, and a real screen still connects.
    const c = open(rpcUrl(host.token));
    await c.ready;
    c.ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'app.info', input: {} }));
    expect(await c.next()).toMatchObject({ id: 1, ok: true });
    c.ws.close();
  });

  it('answers bad messages with errors and keeps serving the same socket', async () => {
    const c = open(rpcUrl(host.token));
    await c.ready;
    c.ws.send('{not json');
    expect(await c.next()).toMatchObject({ kind: 'response', id: null, ok: false, error: { code: 'badRequest', message: expect.stringContaining('invalid JSON') } });
    c.ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'tickets.drop', input: {} }));
    expect(await c.next()).toMatchObject({ id: 1, ok: false, error: { code: 'unknownMethod' } });
    c.ws.send(JSON.stringify({ kind: 'request', id: 2, method: 'tickets.list', input: { limit: 100000 } }));
    expect(await c.next()).toMatchObject({ id: 2, ok: false, error: { code: 'badRequest', message: expect.stringContaining('limit') } });
    c.ws.send(JSON.stringify({ kind: 'request', id: 3, method: 'tickets.get', input: { ticketNo: 'x'.repeat(100_000) } }));
    expect(await c.next()).toMatchObject({ id: 3, ok: false, error: { code: 'badRequest' } });
    c.ws.send(JSON.stringify({ kind: 'request', id: 4, method: 'tickets.list', input: { limit: 2 } }));
    const ok = await c.next();
    expect(ok).toMatchObject({ id: 4, ok: true, value: { total: 800 } });
    expect(ok.value.items).toHaveLength(2);
    c.ws.close();
  });

  it('closes a socket that sends an oversized frame, without harming others', async () => {
    const big = open(rpcUrl(host.token));
    const other = open(rpcUrl(host.token));
    await Promise.all([big.ready, other.ready]);
    const closed = new Promise<number>((r) => big.ws.once('close', (code) => r(code)));
    big.ws.send('x'.repeat(17 * 1024 * 1024));
    expect(await closed).toBe(1009);
    other.ws.send(JSON.stringify({ kind: 'request', id: 9, method: 'app.info', input: {} }));
    expect(await other.next()).toMatchObject({ id: 9, ok: true, value: { host: 'webhost', role: 'console' } });
    other.ws.close();
  });
});
