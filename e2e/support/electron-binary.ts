/** Where the Electron binary is, if this machine has one (npm install does not fetch it here: allowScripts). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | undefined {
  try {
    const p = createRequire(__filename)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined; // electron's index.js throws when its binary was never installed
  }
}

export function hasDisplay(env = process.env): boolean {
  return process.platform !== 'linux' || !!(env.DISPLAY || env.WAYLAND_DISPLAY);
}
