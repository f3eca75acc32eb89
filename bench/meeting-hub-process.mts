// The hub for the meetings load run, in its own process (as deployed), with `stations` station tokens
// (synthetic sub-district codes 320613100…) and an echo server in the same process: the baseline, socket.io's
// own acknowledged round trip at the same rate. stdin commands, each answered with one JSON line:
// "final <meeting ids…>" (each meeting as stored: version and canonical hash), "stats", "quit".
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';
import { generateTokens } from '../hub/auth';
import { startHub } from '../hub/hub-server';
import { MeetingStore } from '../hub/store/meeting-store';
import { makeTestPki } from '../test/support/test-pki';
import { benchBatch } from './bench-data';
import { canonicalHash } from './canonical-hash';

const dir = process.argv[2]!;
const stations = Number(process.argv[3] ?? 200);
// "tls": the hub serves wss with a certificate from a CA made for the run (the clients are given the CA).
const pki = process.argv[4] === 'tls' ? makeTestPki() : undefined;
const tokens = [
  ...generateTokens().filter((t) => t.role !== 'station'),
  ...Array.from({ length: stations }, (_, i) => ({ token: randomBytes(24).toString('base64url'), role: 'station' as const, stationCode: String(320613100 + i), name: `街道 ${i + 1}` })),
];
const hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens, tls: pki?.server, log: () => undefined });
const tickets = benchBatch(0, 2000);
await hub.ingest(tickets);

const echoHttp = createServer();
const echo = new Server(echoHttp, { serveClient: false });
echo.of('/echo').on('connection', (s) => s.on('echo', (x: unknown, ack: (x: unknown) => void) => ack(x)));
await new Promise<void>((resolve) => echoHttp.listen(0, '127.0.0.1', () => resolve()));

const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
say({
  url: hub.url,
  ca: pki?.ca ?? null,
  echoUrl: `http://127.0.0.1:${(echoHttp.address() as AddressInfo).port}`,
  chair: hub.tokens.byRole('chair')!.token,
  viewer: hub.tokens.byRole('viewer')!.token,
  stations: tokens.filter((t) => t.role === 'station').map((t) => ({ code: t.stationCode, token: t.token })),
  // Agenda tickets: still open (a closed ticket takes no decision).
  ticketNos: tickets.filter((t) => t.ticket.status !== 'closed').slice(0, 200).map((t) => t.ticket.ticketNo),
});

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const store = new MeetingStore(hub.store.db);
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, ...args] = line.trim().split(/\s+/);
  if (cmd === 'final') {
    const meetings: Record<string, { version: number; hash: string }> = {};
    for (const id of args) {
      const m = await store.load(id);
      if (m) meetings[id] = { version: m.version, hash: canonicalHash(m) };
    }
    say({ meetings });
  } else if (cmd === 'stats') {
    const cpu = process.cpuUsage(cpu0);
    say({ cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
  } else if (cmd === 'quit') {
    echo.close();
    await hub.close();
    pki?.remove();
    say({ bye: true });
    process.exit(0);
  }
}
