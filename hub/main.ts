/**
 * Standalone hub: `npm run hub`. Configuration by environment:
 *   LIANDONG_HUB_HOST (127.0.0.1), LIANDONG_HUB_PORT (7345), LIANDONG_HUB_DATA_DIR (~/.local/share/liandong-hub),
 *   LIANDONG_HUB_TOKENS (a JSON file of {token, role, stationCode, name}; generated on first start),
 *   LIANDONG_HUB_DEMO (tickets per minute of the demo feed, seeded with the demo history; 0 = off).
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
import { startHub } from './hub-server';

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

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = env.LIANDONG_HUB_DATA_DIR || path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'liandong-hub');
  await mkdir(dataDir, { recursive: true });
  const tokens = await readTokens(env.LIANDONG_HUB_TOKENS || path.join(dataDir, 'hub-tokens.json'));
  const port = Number(env.LIANDONG_HUB_PORT ?? 7345);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LIANDONG_HUB_PORT: not a port: ${env.LIANDONG_HUB_PORT}`);
  const demoRate = Number(env.LIANDONG_HUB_DEMO ?? 0);
  if (!(demoRate >= 0)) throw new Error(`LIANDONG_HUB_DEMO: not a rate: ${env.LIANDONG_HUB_DEMO}`);
  const hub = await startHub({ filename: path.join(dataDir, 'hub.sqlite'), tokens, host: env.LIANDONG_HUB_HOST || '127.0.0.1', port });
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
