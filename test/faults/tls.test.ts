/**
 * TLS between consoles and the hub, with a district CA made for the test (openssl): a good certificate →
 * the console syncs; the CA not configured, a certificate for another name, an expired one, a man in the
 * middle with a certificate of its own → refused, with that reason on the status the screens show (not
 * retried silently as a network error). Mutual TLS: a station without a client certificate from the
 * district CA is refused, with one it syncs. Plain http to a hub beyond loopback is refused at start-up.
 */
import { connect as tlsConnect, createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkProblem } from '../../shared/contract';
import { readConfig } from '../../electron/core/config';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { generateTokens } from '../../hub/auth';
import { startHub, type Hub, type HubTls } from '../../hub/hub-server';
import { hasOpenssl, makeTestPki, type TestPki } from '../support/test-pki';
import { startRig, statusWhere, type Rig } from '../support/sync-rig';

const RENGGANG = '320613003';
const NOW = Date.UTC(2026, 10, 23, 8);
const cleanups: (() => Promise<unknown> | unknown)[] = [];
let pki: TestPki;
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

if (!hasOpenssl()) {
  process.stdout.write('skipped: tls tests need openssl (apt-get install -y openssl)\n');
}

async function tlsHub(tls: HubTls): Promise<Hub> {
  const hub = await startHub({ filename: ':memory:', tokens: generateTokens(), tls, log: () => undefined });
  await hub.ingest(generateTickets(40, { now: NOW, seed: 77 }));
  cleanups.push(() => hub.close());
  return hub;
}

/** A console whose link uses `tls`; resolves once its status shows `problem`, or once it is in sync. */
async function consoleFor(hub: Hub, link: Parameters<typeof startRig>[0] extends infer O ? O extends { link?: infer L } ? L : never : never, role: 'chair' | 'station' = 'chair'): Promise<Rig> {
  const rig = await startRig({ hub, link, role, stationCode: role === 'station' ? RENGGANG : undefined });
  cleanups.push(() => rig.stop());
  return rig;
}
const problemOf = (rig: Rig, p: LinkProblem) => statusWhere(rig.status, (s) => s.linkProblem === p);

describe.runIf(hasOpenssl())('TLS to the hub', () => {
  beforeAll(() => {
    pki = makeTestPki();
    cleanups.push(() => pki.remove());
  });

  it('syncs over https and wss with a certificate from the district CA', async () => {
    const hub = await tlsHub(pki.server);
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const rig = await consoleFor(hub, { tls: { ca: pki.ca } });
    await rig.engine.whenCursorAtLeast(hub.store.head);
    await statusWhere(rig.status, (s) => s.connection === 'online');
    expect(rig.status.get().linkProblem).toBeNull();
  });

  it('refuses a hub whose CA it was not given, a wrong name, an expired certificate — saying which', async () => {
    const good = await tlsHub(pki.server);
    await problemOf(await consoleFor(good, {}), 'certUntrusted');
    const wrongName = await tlsHub(pki.wrongName);
    await problemOf(await consoleFor(wrongName, { tls: { ca: pki.ca } }), 'certNameMismatch');
    const expired = await tlsHub(pki.expired);
    const rig = await consoleFor(expired, { tls: { ca: pki.ca } });
    await problemOf(rig, 'certExpired');
    expect(rig.status.get().lastSeq).toBe(0);
  });

  it('refuses a man in the middle that presents a certificate of its own', async () => {
    const hub = await tlsHub(pki.server);
    const port = Number(new URL(hub.url).port);
    const mitm: TlsServer = createTlsServer({ cert: pki.impostor.cert, key: pki.impostor.key }, (client) => {
      const upstream = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      client.pipe(upstream).pipe(client);
      const drop = () => (client.destroy(), upstream.destroy());
      client.on('error', drop);
      upstream.on('error', drop);
    });
    await new Promise<void>((r) => mitm.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => mitm.close(r)));
    const rig = await consoleFor(hub, { url: `https://127.0.0.1:${(mitm.address() as { port: number }).port}`, tls: { ca: pki.ca } });
    await problemOf(rig, 'certUntrusted');
    expect(rig.status.get().lastSeq).toBe(0);
  });

  it('under mutual TLS, takes a station only with a client certificate from the district CA', async () => {
    const hub = await tlsHub({ ...pki.server, clientCa: pki.ca });
    const without = await consoleFor(hub, { tls: { ca: pki.ca } }, 'station');
    await problemOf(without, 'clientCertRequired');
    const withCert = await consoleFor(hub, { tls: { ca: pki.ca, ...pki.client('任港街道 PC-1') } }, 'station');
    await statusWhere(withCert.status, (s) => s.connection === 'online' && s.lastSyncAt !== null && s.linkProblem === null);
    // The chair console needs no client certificate.
    const chair = await consoleFor(hub, { tls: { ca: pki.ca } });
    await chair.engine.whenCursorAtLeast(hub.store.head);
  });
});

describe('plain http', () => {
  it('is refused at start-up for a hub beyond loopback, unless LIANDONG_HUB_INSECURE=1', () => {
    const env = { LIANDONG_HUB_URL: 'http://10.20.0.5:7345', LIANDONG_HUB_TOKEN: 'x'.repeat(32) };
    expect(() => readConfig(env, { dataDir: '/tmp/x' })).toThrow(/LIANDONG_HUB_URL.*https/);
    expect(readConfig({ ...env, LIANDONG_HUB_INSECURE: '1' }, { dataDir: '/tmp/x' }).hubUrl).toBe('http://10.20.0.5:7345');
    expect(readConfig({ ...env, LIANDONG_HUB_URL: 'http://127.0.0.1:7345' }, { dataDir: '/tmp/x' }).hubUrl).toBe('http://127.0.0.1:7345');
    expect(readConfig({ ...env, LIANDONG_HUB_URL: 'https://hub.district.example' }, { dataDir: '/tmp/x' }).hubUrl).toBe('https://hub.district.example');
  });
});
