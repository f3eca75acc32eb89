/**
 * The embedded hub's address and tokens, kept per data folder (<data>/embedded-hub.json, 0600): restarted, it
 * listens on the same loopback port with the same tokens, so a station console started with the command the
 * chair's console printed (and shows in 设置) keeps working after a restart. A file that is missing or
 * unreadable gives new tokens and a port chosen by the system.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { HubTokenEntry } from '../../shared/hub-protocol';
import { generateTokens } from '../../hub/auth';

const EmbeddedHubIdentity = z.object({ port: z.number().int().min(1).max(65535).nullable(), tokens: z.array(HubTokenEntry).min(1).max(100) });
export type EmbeddedHubIdentity = z.infer<typeof EmbeddedHubIdentity>;

const FILE = 'embedded-hub.json';

export async function readEmbeddedHubIdentity(dataDir: string): Promise<EmbeddedHubIdentity> {
  try {
    const parsed = EmbeddedHubIdentity.safeParse(JSON.parse(await readFile(path.join(dataDir, FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // none yet, or unreadable: a new one
  }
  return { port: null, tokens: generateTokens() };
}

export async function saveEmbeddedHubIdentity(dataDir: string, id: EmbeddedHubIdentity): Promise<void> {
  await writeFile(path.join(dataDir, FILE), JSON.stringify(id) + '\n', { mode: 0o600 });
}

/** Whether a loopback port can be listened on now (the port of the last start may have been taken since). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
