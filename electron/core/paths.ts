/** Default places on disk, for the shell to pass in (the core itself takes paths as arguments). */
import os from 'node:os';
import path from 'node:path';

/** Where a console keeps its store when LIANDONG_DATA_DIR is not set and Electron's userData is not at hand. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  if (process.platform === 'win32') return path.join(env.APPDATA ?? os.homedir(), 'liandong');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'liandong');
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'liandong');
}
