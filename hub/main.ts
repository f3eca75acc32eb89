/**
 * Standalone hub: `npm run hub`. Configuration by environment:
 *   LIANDONG_HUB_HOST (127.0.0.1), LIANDONG_HUB_PORT (7345), LIANDONG_HUB_DATA_DIR (~/.local/share/liandong-hub),
 *   LIANDONG_HUB_TOKENS (a JSON file of {token, role, stationCode, name}; generated on first start),
 *   LIANDONG_HUB_DEMO (tickets per minute of the demo feed, seeded with the demo history; 0 = off),
 *   LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY (PEM files: serve https/wss), LIANDONG_HUB_TLS_CLIENT_CA (PEM:
 *   stations must present a client certificate from this CA), LIANDONG_HUB_INSECURE=1 (allow plain http on an
 *   address other than loopback: closed test networks only).
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { HubTokenEntry } from '../shared/hub-protocol';
import { describeZodError } from '../shared/rpc/errors';
import { generateTokens } from './auth';
import { loadDemoTickets } from './demo/demo-file';
import { startDemoFeed } from './demo/demo-feed';
import { startHub, type HubTls } from './hub-server';

async function readTokens(file: string): Promise<z.infer<typeof HubTokenEntry>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const tokens = generateTokens();
    await writeFile(file, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
    await chmod(file, 0o600);
    process.stderr.write(`[hub] generated role tokens in ${file} (chair, viewer, one per sub-district)\n`);
    return tokens;
  }
  const parsed = z.array(HubTokenEntry).min(1).safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

const isLoopback = (h: string) => h === 'localhost' || h === '::1' || /^127\./.test(h);

async function pem(env: NodeJS.ProcessEnv, name: string): Promise<string | undefined> {
  const file = env[name];
  if (!file) return undefined;
  const text = await readFile(file, 'utf8').catch((e: Error) => {
    throw new Error(`${name}: cannot read ${file}: ${e.message}`);
  });
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) throw new Error(`${name}: ${file} is not a PEM file`);
  return text;
}

async function readTls(env: NodeJS.ProcessEnv): Promise<HubTls | undefined> {
  const [cert, key, clientCa] = await Promise.all([pem(env, 'LIANDONG_HUB_TLS_CERT'), pem(env, 'LIANDONG_HUB_TLS_KEY'), pem(env, 'LIANDONG_HUB_TLS_CLIENT_CA')]);
  if (!cert && !key) {
    if (clientCa) throw new Error('LIANDONG_HUB_TLS_CLIENT_CA: mutual TLS needs the hub\'s own certificate (LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY)');
    return undefined;
  }
  if (!cert || !key) throw new Error('LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY: give both, the certificate and its key');
  return { cert, key, clientCa };
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = env.LIANDONG_HUB_DATA_DIR || path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'liandong-hub');
  await mkdir(dataDir, { recursive: true });
  const tokens = await readTokens(env.LIANDONG_HUB_TOKENS || path.join(dataDir, 'hub-tokens.json'));
  const port = Number(env.LIANDONG_HUB_PORT ?? 7345);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LIANDONG_HUB_PORT: not a port: ${env.LIANDONG_HUB_PORT}`);
  const demoRate = Number(env.LIANDONG_HUB_DEMO ?? 0);
  if (!(demoRate >= 0)) throw new Error(`LIANDONG_HUB_DEMO: not a rate: ${env.LIANDONG_HUB_DEMO}`);
  const host = env.LIANDONG_HUB_HOST || '127.0.0.1';
  const tls = await readTls(env);
  if (!tls && !isLoopback(host) && env.LIANDONG_HUB_INSECURE !== '1') {
    throw new Error(`LIANDONG_HUB_HOST=${host}: 拒绝在网络上以明文 http 服务 (plain http beyond this machine sends tokens and citizens' data in clear text): set LIANDONG_HUB_TLS_CERT and LIANDONG_HUB_TLS_KEY, or LIANDONG_HUB_INSECURE=1 on a closed test network`);
  }
  const hub = await startHub({ filename: path.join(dataDir, 'hub.sqlite'), tokens, host, port, tls });
  const log = (l: string) => process.stderr.write(`[hub] ${l}\n`);
  let feed: { stop(): void } | undefined;
  if (demoRate > 0) {
    if ((await hub.store.count()) === 0) log(`seeded ${await hub.ingest(await loadDemoTickets(path.resolve(__dirname, '..', '..', 'resources'), Date.now()))} demo tickets`);
    feed = startDemoFeed(hub, { ticketsPerMinute: demoRate, log });
  }
  process.stdout.write(`Liandong hub: ${hub.url} (data: ${dataDir})\n`);
  const stop = async () => {
    feed?.stop();
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`[hub] 启动失败 (start-up failed): ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
