/**
 * A TCP proxy on loopback that cuts every open connection each time a (seeded) random number of bytes
 * has passed, until it has cut `maxCuts` times. Cuts land at arbitrary points: mid-response, mid-frame.
 */
import net from 'node:net';
import { prng } from '../../hub/demo/ticket-generator';

export type CuttingProxy = { url: string; cuts: number; close(): Promise<void> };

export async function startCuttingProxy(target: { host: string; port: number }, opts: { maxCuts: number; minBytes: number; maxBytes: number; seed: number }): Promise<CuttingProxy> {
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

  const server = net.createServer((client) => {
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
      upstream.write(d);
      count(d.length);
    });
    upstream.on('data', (d) => {
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
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
