/**
 * Fuzz test: the hub and the web host, each its own process as deployed (the built out/main/hub.js and
 * out/main/webhost.js, the web host syncing from the hub), get thousands of malformed requests (seeded,
 * loopback, bounded: test/support/fuzz-requests.ts), floods of connects with bad tokens, and socket.io
 * clients sending unknown events and garbage — while valid traffic runs beside it. Both processes must
 * stay up, every malformed request must get an answer or a closed socket, and the valid traffic must lose
 * nothing: every ticket ingested reaches the console behind the web host, every action is acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { HUB_SOCKET_NAMESPACE, type ActionAck } from '../../shared/hub-protocol';
import { fuzzCorpus } from '../support/fuzz-requests';
import { rawExchange } from '../support/raw-http';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = 20261201;
const HUB_CASES = 2500;
const WEB_CASES = 1500;
const CONCURRENCY = 16;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Proc = { child: ChildProcess; stderr: string[]; firstLine: Promise<string>; died: Promise<never> };

function start(script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main', script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was up:\n${stderr.join('\n')}`)));
  });
  const died = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`${script} stopped (${code ?? signal}) under the fuzz:\n${stderr.slice(-20).join('\n')}`))));
  died.catch(() => undefined);
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
  return { child, stderr, firstLine, died };
}

/** Run `jobs` with at most `n` at once. */
async function pool<T>(items: readonly T[], n: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await job(items[next++]!);
  }));
}

function rpcClient(url: string) {
  const ws = new WebSocket(url, { headers: { Origin: new URL(url).origin.replace('ws', 'http') } });
  const pending = new Map<number, (m: { ok: boolean; value?: any; error?: unknown }) => void>();
  let id = 0;
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    if (m.kind === 'response') {
      pending.get(m.id)?.(m);
      pending.delete(m.id);
    }
  });
  const ready = new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  const call = (method: string, input: unknown) => new Promise<{ ok: boolean; value?: any; error?: unknown }>((resolve) => {
    pending.set(++id, resolve);
    ws.send(JSON.stringify({ kind: 'request', id, method, input }));
  });
  return { ws, ready, call };
}

describe('fuzzing the hub and the web host', () => {
  it('keeps both processes up, answers every malformed request, and loses no valid traffic', async () => {
    if (!existsSync(path.join(ROOT, 'out/main/hub.js')) || !existsSync(path.join(ROOT, 'out/main/webhost.js'))) {
      throw new Error('out/main/hub.js and webhost.js are missing: `npm test` builds them first (or run `npx electron-vite build`)');
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-fuzz-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));

    // The hub, as `npm run hub` starts it.
    const hub = start('hub.js', { LIANDONG_HUB_DATA_DIR: path.join(dir, 'hub'), LIANDONG_HUB_PORT: '0', LIANDONG_HUB_DEMO: '0' });
    const hubUrl = /^Liandong hub: (\S+)/.exec(await hub.firstLine)![1]!;
    const hubPort = Number(new URL(hubUrl).port);
    const tokens = JSON.parse(await readFile(path.join(dir, 'hub', 'hub-tokens.json'), 'utf8')) as { token: string; role: string }[];
    const chairToken = tokens.find((t) => t.role === 'chair')!.token;
    const ingestToken = tokens.find((t) => t.role === 'ingest')!.token;

    // The web host, its console syncing from that hub.
    const web = start('webhost.js', { LIANDONG_DATA_DIR: path.join(dir, 'console'), LIANDONG_HUB_URL: hubUrl, LIANDONG_HUB_TOKEN: chairToken, LIANDONG_PORT: '0' });
    const wallUrl = new URL(/^Liandong wall: (\S+)/.exec(await web.firstLine)![1]!);
    const webPort = Number(wallUrl.port);
    const webToken = wallUrl.searchParams.get('token')!;

    // Valid traffic, beside the fuzz: 40 ingest batches of 25 tickets, a chair sending 300 actions with acks,
    // a wall screen asking the console for its tickets again and again.
    const now = Date.now();
    const records = generateTickets(1000, { now, seed: SEED });
    const chair: Socket = io(hubUrl + HUB_SOCKET_NAMESPACE, { auth: { token: chairToken }, transports: ['websocket'] });
    cleanups.push(async () => chair.close());
    const screen = rpcClient(`ws://127.0.0.1:${webPort}/rpc?token=${encodeURIComponent(webToken)}`);
    await screen.ready;
    cleanups.push(async () => screen.ws.close());
    let ingested = 0;
    const acks: ActionAck[] = [];
    const screenAnswers: boolean[] = [];
    let fuzzing = true;
    const valid = (async () => {
      for (let i = 0; i < records.length; i += 25) {
        const res = await fetch(`${hubUrl}/api/v1/tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingestToken}` }, body: JSON.stringify({ records: records.slice(i, i + 25) }) });
        const body = await res.json();
        expect(res.status).toBe(200);
        ingested += body.accepted;
        if (ingested >= 100 && acks.length < 300) {
          for (let k = 0; k < 10; k++) acks.push(await chair.timeout(30_000).emitWithAck('action', { id: randomUUID(), kind: 'comment', ticketNo: records[Math.floor(ingested / 2) + k]!.ticket.ticketNo, note: `核实 ${acks.length}` }));
        }
        screenAnswers.push((await screen.call('tickets.list', { limit: 50 })).ok);
      }
      while (fuzzing) screenAnswers.push((await screen.call('tickets.counts', {})).ok);
    })();
    valid.catch(() => undefined); // awaited below; a process that stopped is reported first

    // The fuzz: raw malformed requests to both, at CONCURRENCY at a time.
    const unanswered: string[] = [];
    const shoot = (port: number) => async (c: { name: string; bytes: string }) => {
      const a = await rawExchange(port, Buffer.from(c.bytes, 'latin1'), { halfClose: true, timeoutMs: 10_000 });
      if (a.status === null && !a.closed) unanswered.push(`${port === hubPort ? 'hub' : 'web host'}: ${c.name}`);
    };
    const hubCases = fuzzCorpus(HUB_CASES, SEED, `127.0.0.1:${hubPort}`, ingestToken);
    const webCases = fuzzCorpus(WEB_CASES, SEED + 1, `127.0.0.1:${webPort}`, webToken);
    expect(hubCases.map((c) => c.name)).toContain('GET //');
    expect(webCases.map((c) => c.name)).toContain('upgrade with Origin: null');

    // Floods of connects with bad tokens, and a socket.io client sending what no console would.
    const flood = async () => {
      const sockets = Array.from({ length: 100 }, (_, i) => io(hubUrl + HUB_SOCKET_NAMESPACE, { auth: { token: i % 2 ? 'x'.repeat(i) : { no: 1 } }, transports: ['websocket'], reconnection: false, forceNew: true }));
      await Promise.all(sockets.map((s) => new Promise<void>((r) => (s.once('connect_error', () => r()), s.once('connect', () => r())))));
      sockets.forEach((s) => s.close());
      const wss = Array.from({ length: 100 }, () => new WebSocket(`ws://127.0.0.1:${webPort}/rpc?token=wrong`));
      await Promise.all(wss.map((w) => new Promise((r) => (w.once('error', r), w.once('unexpected-response', r), w.once('open', r)))));
      wss.forEach((w) => w.terminate());
      const rogue: Socket = io(hubUrl + HUB_SOCKET_NAMESPACE, { auth: { token: chairToken }, transports: ['websocket'], forceNew: true });
      await new Promise<void>((r) => rogue.once('connect', () => r()));
      const answers: unknown[] = [];
      for (const [event, payload] of [['action', 'x'], ['action', null], ['action', { kind: 'comment' }], ['meeting', [1, 2]], ['meetingGet', { meetingId: 5 }], ['meetingPhoto', {}], ['__proto__', {}], ['constructor', {}], ['hasOwnProperty', 1], ['x'.repeat(500), 1]] as const) {
        answers.push(await rogue.timeout(10_000).emitWithAck(event, payload));
      }
      rogue.close();
      return answers;
    };

    // A process that stops fails the test at once (nothing below would be answered).
    const [rogueAnswers] = await Promise.race([Promise.all([flood(), pool(hubCases, CONCURRENCY, shoot(hubPort)), pool(webCases, CONCURRENCY, shoot(webPort))]), hub.died, web.died]);
    fuzzing = false;
    await Promise.race([valid, hub.died, web.died]);

    expect(unanswered).toEqual([]);
    expect(rogueAnswers.every((a) => (a as { ok: boolean }).ok === false)).toBe(true);
    expect(hub.child.exitCode).toBeNull();
    expect(web.child.exitCode).toBeNull();
    expect((await fetch(`${hubUrl}/api/v1/health`)).status).toBe(200);

    // Nothing valid lost: every ticket stored at the hub, every action acknowledged once, every screen call
    // answered, and the console behind the web host holds every ticket.
    expect(ingested).toBe(1000);
    expect(acks.length).toBe(300);
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    expect(screenAnswers.every(Boolean)).toBe(true);
    const health = await (await fetch(`${hubUrl}/api/v1/health`)).json();
    for (;;) {
      const status = await screen.call('sync.status', {});
      if (status.value.lastSeq >= health.headSeq) break;
      await new Promise<void>((resolve) => {
        const off = (d: WebSocket.RawData) => String(d).includes('sync.statusChanged') && (screen.ws.off('message', off), resolve());
        screen.ws.on('message', off);
      });
    }
    expect((await screen.call('tickets.list', { limit: 1 })).value.total).toBe(1000);
    // What both wrote is their user's alone (a real start: the processes' own umask and modes).
    const modes: Record<string, string> = {};
    for (const sub of ['hub', 'console']) {
      modes[sub] = ((await stat(path.join(dir, sub))).mode & 0o777).toString(8);
      for (const f of await readdir(path.join(dir, sub), { withFileTypes: true })) {
        if (f.name.endsWith('-journal')) continue;
        // Folders (the hub's imports/) are 0700 like the data folders themselves; files 0600.
        modes[`${sub}/${f.name}${f.isDirectory() ? '/' : ''}`] = ((await stat(path.join(dir, sub, f.name))).mode & 0o777).toString(8);
      }
    }
    expect(Object.keys(modes)).toEqual(expect.arrayContaining(['hub', 'hub/hub.sqlite', 'hub/hub-tokens.json', 'console']));
    expect(Object.entries(modes).filter(([name, m]) => m !== (name.includes('/') && !name.endsWith('/') ? '600' : '700'))).toEqual([]);
    // No unhandled rejection was even logged.
    expect([...hub.stderr, ...web.stderr].filter((l) => /unhandled|uncaught/i.test(l))).toEqual([]);
  });
});
