/**
 * The app:// scheme the packaged renderer is served from (not file://: a file page could read any file
 * the user can, and every file page shares one origin). `app://liandong/<path>` maps to a file inside the
 * built renderer folder, never outside it; anything else is refused. Pure (tested without Electron).
 */
import path from 'node:path';
import { CONTENT_TYPES, resolveInside } from '../webhost/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'liandong';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type AppRequest = { ok: true; file: string; type: string } | { ok: false; status: 400 | 404 };

export function resolveAppRequest(root: string, url: string): AppRequest {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { ok: false, status: 404 };
  const file = resolveInside(path.resolve(root), u.pathname);
  if (!file) return { ok: false, status: 404 };
  return { ok: true, file, type: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

/** The renderer's URL: app:// when packaged; a dev server only in development (ELECTRON_RENDERER_URL can
 * otherwise point the trusted window, and its IPC, anywhere). */
export function rendererUrl(packaged: boolean, env: Record<string, string | undefined>): string {
  return !packaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : APP_URL;
}
