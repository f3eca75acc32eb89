/**
 * The web host's address and tokens, kept per data folder (<data>/webhost.json, 0600): a restarted web host
 * comes back on the same port with the same tokens, so an open wall page reconnects by itself instead of
 * sitting on 正在重连… with a URL that no longer works. LIANDONG_PORT and LIANDONG_TOKEN still win.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const HostIdentity = z.object({ token: z.string().min(16).max(200), wallToken: z.string().min(16).max(200), port: z.number().int().min(1).max(65535).nullable() });
export type HostIdentity = z.infer<typeof HostIdentity>;

const newToken = () => randomBytes(24).toString('base64url');

export async function readHostIdentity(dataDir: string): Promise<HostIdentity> {
  try {
    const parsed = HostIdentity.safeParse(JSON.parse(await readFile(path.join(dataDir, 'webhost.json'), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // none yet, or unreadable: a new one
  }
  return { token: newToken(), wallToken: newToken(), port: null };
}

export async function saveHostIdentity(dataDir: string, id: HostIdentity): Promise<void> {
  await writeFile(path.join(dataDir, 'webhost.json'), JSON.stringify(id) + '\n', { mode: 0o600 });
}
