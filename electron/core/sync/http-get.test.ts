import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGet, HttpGetError, keepAliveAgents } from './http-get';
import { HubLink, HubRefusedError, HubUnreachableError } from './hub-link';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A loopback server answering every request with `handle`; counts the connections it accepted. */
async function serve(handle: http.RequestListener): Promise<{ url: string; connections: () => number }> {
  const server = http.createServer(handle);
  let connections = 0;
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const page = Buffer.from(JSON.stringify({ changes: [{ note: '城东街道 文峰街道' }], lastSeq: 1, headSeq: 1, hasMore: false }));

describe('httpGet', () => {
  it('returns the whole body as bytes that own their memory, reusing one connection', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(page.subarray(0, 10)); // in two chunks, as the hub streams
      res.end(page.subarray(10));
    });
    const agents = keepAliveAgents();
    try {
      for (let i = 0; i < 3; i++) {
        const { status, body } = await httpGet(s.url, { headers: {}, timeoutMs: 5000, agents });
        expect(status).toBe(200);
        expect(Buffer.from(body).equals(page)).toBe(true);
        expect(body.byteOffset === 0 && body.byteLength === body.buffer.byteLength).toBe(true); // movable to the checker's thread
      }
      expect(s.connections()).toBe(1);
    } finally {
      agents.destroy();
    }
  });

  it('rejects a body cut short, saying the connection was lost while reading', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(page.subarray(0, 20), () => res.socket!.destroy());
    });
    const e = await httpGet(s.url, { headers: {}, timeoutMs: 5000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpGetError);
    expect((e as HttpGetError).whileReading).toBe(true);
    expect((e as Error).message).toContain('lost');
  });

  it('rejects when nothing answers, before any response', async () => {
    const s = await serve(() => {});
    const url = s.url;
    await new Promise((r) => servers.pop()!.close(r));
    const e = await httpGet(url, { headers: {}, timeoutMs: 5000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpGetError);
    expect((e as HttpGetError).whileReading).toBe(false);
    expect((e as Error).message).toContain('ECONNREFUSED');
  });
});

describe('HubLink.pull', () => {
  it('turns a refusal into HubRefusedError with the hub’s words, and a cut body into HubUnreachableError', async () => {
    let cut = false;
    const s = await serve((req, res) => {
      if (cut) {
        res.writeHead(200);
        return res.write('{"changes":[', () => res.socket!.destroy());
      }
      expect(req.headers.authorization).toBe('Bearer t0ken');
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":"wrong token"}');
    });
    const link = new HubLink({ url: s.url, token: 't0ken' });
    try {
      const refused = await link.pull(0, 10).catch((x: unknown) => x);
      expect(refused).toBeInstanceOf(HubRefusedError);
      expect((refused as HubRefusedError).status).toBe(401);
      expect((refused as Error).message).toContain('wrong token');
      cut = true;
      const lost = await link.pull(0, 10).catch((x: unknown) => x);
      expect(lost).toBeInstanceOf(HubUnreachableError);
      expect((lost as Error).message).toContain('connection lost while reading changes');
    } finally {
      link.close();
    }
  });
});
