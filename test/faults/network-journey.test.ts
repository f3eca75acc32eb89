/**
 * The real network, not loopback: the hub, the command centre's console and two stations' consoles run as
 * four hosts (network namespaces on one bridge, 10.77.0.0/24, made and removed by this test), each its own
 * process as deployed (out/main/hub.js, out/main/webhost.js). TLS with the district CA, mutual TLS for
 * stations (client certificates), one token per PC issued with `hub.js tokens issue`. The chair sees both
 * stations present in its meeting; a station whose token is revoked (`tokens revoke`) is cut off at once and
 * says why; the audit trail has all of it and verifies. Skips, saying why, where namespaces cannot be made.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { makeLan, netnsUnavailable, type Lan } from '../support/netns';
import { rpcCall } from '../support/rpc-ws';
import { hasOpenssl, makeTestPki } from '../support/test-pki';

const ROOT = path.resolve(__dirname, '..', '..');
const RENGGANG = '320613003';
const CHENGDONG = '320613001';
const why = netnsUnavailable() ?? (hasOpenssl() ? null : 'openssl is missing');
if (why) process.stdout.write(`skipped: the network journey: ${why}\n`);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Proc = { child: ChildProcess; line: (re: RegExp) => Promise<RegExpExecArray>; stderr: string[] };
function inHost(ns: string, script: string, env: Record<string, string>): Proc {
  const child = spawn('ip', ['netns', 'exec', `ld-${ns}`, process.execPath, path.join(ROOT, 'out/main', script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiters]) {
      const m = w.re.exec(l);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
  return {
    child,
    stderr,
    line: (re) =>
      new Promise((resolve, reject) => {
        const m = lines.map((l) => re.exec(l)).find(Boolean);
        if (m) return resolve(m);
        waiters.push({ re, resolve });
        child.once('exit', (code) => reject(new Error(`${script} in ${ns} exited (${code}):\n${stderr.slice(-15).join('\n')}`)));
      }),
  };
}

/** `node out/main/hub.js <args>` against the hub's data folder, as the operator runs it. */
const hubCommand = (dataDir: string, ...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'out/main/hub.js'), ...args], { env: { ...process.env, LIANDONG_HUB_DATA_DIR: dataDir }, encoding: 'utf8' });
const issue = (dataDir: string, ...args: string[]) => {
  const m = /^issued (\S+): (\S+)$/m.exec(hubCommand(dataDir, 'tokens', 'issue', ...args));
  return { id: m![1]!, token: m![2]! };
};

/** Wait for a condition polled over the network (the consoles are other processes on other hosts). */
async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, proc: Proc[]): Promise<T> {
  for (;;) {
    const dead = proc.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`a process stopped while waiting for ${what}:\n${dead.stderr.slice(-15).join('\n')}`);
    const v = await probe().catch(() => undefined as T);
    if (v !== undefined && ok(v)) return v;
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 200)); // a poll interval, not a synchronisation
  }
}

describe.skipIf(why !== null)('the network journey: four hosts, TLS, mutual TLS, one token per PC', () => {
  it('connects both stations to the chair, cuts off a revoked one, and keeps it all in the audit trail', async () => {
    const lan: Lan = makeLan({ hub: 10, chair: 20, st1: 31, st2: 32 });
    cleanups.push(() => lan.remove());
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-lan-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pki = makeTestPki();
    cleanups.push(() => pki.remove());
    const files: Record<string, string> = {};
    const put = async (name: string, text: string) => writeFile((files[name] = path.join(dir, name)), text, { mode: 0o600 });
    const server = pki.serverFor([lan.hosts.hub!]);
    await put('hub.pem', server.cert);
    await put('hub.key', server.key);
    await put('ca.pem', pki.ca);
    for (const st of ['st1', 'st2']) {
      const c = pki.client(`${st} PC`);
      await put(`${st}.pem`, c.cert);
      await put(`${st}.key`, c.key);
    }

    // The operator issues one token per PC (the hub's store, before the hub starts: its first start then finds them).
    const hubData = path.join(dir, 'hub');
    const ingest = issue(hubData, '--role', 'ingest', '--name', '12345 平台接口');
    const chair = issue(hubData, '--role', 'chair', '--name', '指挥中心 值班台');
    const st1 = issue(hubData, '--role', 'station', '--station', RENGGANG, '--name', '任港街道 值班电脑');
    const st2 = issue(hubData, '--role', 'station', '--station', CHENGDONG, '--name', '城东街道 值班电脑');
    expect(hubCommand(hubData, 'tokens', 'list').split('\n').filter(Boolean)).toHaveLength(4);

    const hub = inHost('hub', 'hub.js', { LIANDONG_HUB_DATA_DIR: hubData, LIANDONG_HUB_HOST: '0.0.0.0', LIANDONG_HUB_PORT: '7345', LIANDONG_HUB_TLS_CERT: files['hub.pem']!, LIANDONG_HUB_TLS_KEY: files['hub.key']!, LIANDONG_HUB_TLS_CLIENT_CA: files['ca.pem']! });
    await hub.line(/^Liandong hub: /);
    const hubUrl = `https://${lan.hosts.hub}:7345`;

    // The platform's feed ingests two hard tickets, one per station, over https from the LAN.
    const now = Date.now();
    const tickets = generateTickets(2, { now, seed: 9 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: `LAN-${i}`, subDistrictCode: i ? CHENGDONG : RENGGANG, communityCode: null, status: 'dispatched' as const } }));
    const ingested = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(`${hubUrl}/api/v1/tickets`, { method: 'POST', ca: pki.ca, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingest.token}` } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ records: tickets }));
    });
    expect(ingested.status).toBe(200);

    const consoleEnv = (name: string, extra: Record<string, string>) => ({ LIANDONG_DATA_DIR: path.join(dir, name), LIANDONG_HUB_URL: hubUrl, LIANDONG_HUB_CA: files['ca.pem']!, LIANDONG_HOST: '0.0.0.0', LIANDONG_DEMO_RATE: '0', ...extra });
    const chairCon = inHost('chair', 'webhost.js', consoleEnv('chair', { LIANDONG_HUB_TOKEN: chair.token }));
    const st1Con = inHost('st1', 'webhost.js', consoleEnv('st1', { LIANDONG_HUB_TOKEN: st1.token, LIANDONG_ROLE: 'station', LIANDONG_STATION: RENGGANG, LIANDONG_HUB_CLIENT_CERT: files['st1.pem']!, LIANDONG_HUB_CLIENT_KEY: files['st1.key']! }));
    const st2Con = inHost('st2', 'webhost.js', consoleEnv('st2', { LIANDONG_HUB_TOKEN: st2.token, LIANDONG_ROLE: 'station', LIANDONG_STATION: CHENGDONG, LIANDONG_HUB_CLIENT_CERT: files['st2.pem']!, LIANDONG_HUB_CLIENT_KEY: files['st2.key']! }));
    const all = [hub, chairCon, st1Con, st2Con];
    const screen = async (p: Proc, host: string) => {
      const u = new URL((await p.line(/^Liandong wall: (\S+)/))[1]!);
      return { url: `http://${host}:${u.port}/`, token: u.searchParams.get('token')! };
    };
    const [c, s1, s2] = await Promise.all([screen(chairCon, lan.hosts.chair!), screen(st1Con, lan.hosts.st1!), screen(st2Con, lan.hosts.st2!)]);
    for (const s of [c, s1, s2]) await until('a console in sync over TLS', () => rpcCall(s.url, s.token, 'sync.status', {}), (st) => st.connection === 'online' && st.lastSyncAt !== null, all);
    // Each station holds only its own ticket.
    expect((await rpcCall(s1.url, s1.token, 'tickets.list', { limit: 10 })).items.map((t: { ticketNo: string }) => t.ticketNo)).toEqual(['LAN-0']);

    // The chair calls a meeting with both stations: both are present.
    const meetingId = randomUUID();
    await rpcCall(c.url, c.token, 'meetings.act', { op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda: [{ ticketNo: 'LAN-0', reasons: ['chair'] }, { ticketNo: 'LAN-1', reasons: ['chair'] }], invitees: { stations: [RENGGANG, CHENGDONG], departments: [], deputies: [] } });
    const present = (m: { attendance: { stationCode: string; present: boolean }[] }) => Object.fromEntries(m.attendance.map((a) => [a.stationCode, a.present]));
    const meeting = () => rpcCall(c.url, c.token, 'meetings.list', {}).then((r) => r.meetings.find((m: { id: string }) => m.id === meetingId));
    await until('both stations present', meeting, (m) => m && present(m)[RENGGANG] === true && present(m)[CHENGDONG] === true, all);

    // 城东's PC is lost: the operator revokes its token. It is cut off, says why, and is absent for the chair.
    hubCommand(hubData, 'tokens', 'revoke', st2.id);
    await until('城东 absent', meeting, (m) => present(m)[CHENGDONG] === false && present(m)[RENGGANG] === true, all);
    const cut = await until('城东 told why', () => rpcCall(s2.url, s2.token, 'sync.status', {}), (st) => st.linkProblem === 'tokenRefused', all);
    expect(cut.connection).not.toBe('online');

    // All of it in the audit trail, with the addresses of the hosts, and the chain intact.
    expect(hubCommand(hubData, 'audit', 'verify')).toMatch(/审计日志完整 \(audit trail intact\): \d+ entries/);
    const db = new Database(path.join(hubData, 'hub.sqlite'), { readonly: true });
    cleanups.push(() => db.close());
    const rows = db.prepare('select kind, who, address from hub_audit order by seq').all() as { kind: string; who: string; address: string | null }[];
    const kinds = rows.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'token.issue')).toHaveLength(4);
    expect(kinds).toContain('ingest');
    expect(kinds).toContain('token.revoke');
    expect(rows.find((r) => r.kind === 'meeting.create')).toMatchObject({ who: '指挥中心 值班台', address: expect.stringContaining(lan.hosts.chair!) });
    expect(rows.find((r) => r.kind === 'ingest')!.address).toContain('10.77.0.1'); // the feed came from the root host
    expect(rows.some((r) => r.kind === 'login.failed' && r.address?.includes(lan.hosts.st2!))).toBe(true); // 城东 trying again
  });
});
