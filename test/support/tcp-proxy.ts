/**
 * A TCP proxy on loopback that cuts every open connection each time a (seeded) random number of bytes
 * has passed, until it has cut `maxCuts` times. Cuts land at arbitrary points: mid-response, mid-frame.
 */
import net from 'node:net';
import { prng } from '../../hub/demo/ticket-generator';

export type CuttingProxy = {
  url: string;
  cuts: number;
  /** Drop every connection and refuse new ones (the hub looks unreachable). */
  down(): void;
  up(): void;
  /** After `bytes` more bytes from the hub, hold further data (connections stay open) until resume(). */
  pauseAfter(bytes: number): Promise<void>;
  resume(): void;
  /** The next connection the hub upgrades to a WebSocket goes silent right after the 101 answer: nothing more
   * passes either way, and the connection stays open (a link cut mid-path, no FIN, no RST). */
  silenceNextUpgrade(): Promise<void>;
  /** Every WebSocket open now goes silent the same way (a link that dies after it was up). */
  silenceUpgraded(): number;
  close(): Promise<void>;
};

export async function startCuttingProxy(target: { host: string; port: number }, opts: { maxCuts: number; minBytes: number; maxBytes: number; seed: number }): Promise<CuttingProxy> {
  let isDown = false;
  let pauseBudget: number | null = null;
  let onPaused: (() => void) | null = null;
  const held: (() => void)[] = [];
  const rnd = prng(opts.seed);
  const open = new Set<net.Socket>();
  let cuts = 0;
  let passed = 0;
  const nextThreshold = () => opts.minBytes + Math.floor(rnd() * (opts.maxBytes - opts.minBytes));
  let threshold = nextThreshold();

  const count = (n: number) => {
    if (cuts >= opts.maxCuts) return;
    passed += n;
    if (passed >= threshold) {
      cuts++;
      passed = 0;
      threshold = nextThreshold();
      for (const s of open) s.destroy();
      open.clear();
    }
  };

  let silenceNext: (() => void) | null = null;
  const upgraded = new Set<{ silent: boolean }>();

  const server = net.createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const conn = { silent: false, first: true };
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('data', (d) => {
      if (conn.silent) return;
      upstream.write(d);
      count(d.length);
    });
    upstream.on('data', (d) => {
      if (conn.silent) return;
      if (conn.first) {
        conn.first = false;
        if (d.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101') {
          upgraded.add(conn);
          client.once('close', () => upgraded.delete(conn));
          const end = d.indexOf('\r\n\r\n');
          if (silenceNext && end >= 0) {
            client.write(d.subarray(0, end + 4));
            conn.silent = true;
            const done = silenceNext;
            silenceNext = null;
            done();
            return;
          }
        }
      }
      if (pauseBudget !== null) {
        if (pauseBudget <= 0) {
          held.push(() => client.write(d));
          return;
        }
        pauseBudget -= d.length;
        if (pauseBudget <= 0) onPaused?.();
      }
      client.write(d);
      count(d.length);
    });
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return cuts;
    },
    down() {
      isDown = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    up() {
      isDown = false;
    },
    pauseAfter(bytes) {
      pauseBudget = bytes;
      return new Promise<void>((resolve) => (onPaused = resolve));
    },
    resume() {
      pauseBudget = null;
      onPaused = null;
      held.splice(0).forEach((f) => f());
    },
    silenceNextUpgrade() {
      return new Promise<void>((resolve) => (silenceNext = resolve));
    },
    silenceUpgraded() {
      let n = 0;
      for (const c of upgraded) {
        if (c.silent) continue;
        c.silent = true;
        n++;
      }
      return n;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
