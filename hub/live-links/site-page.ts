/**
 * The phone page of 现场连线 as the hub serves it: the built files of out/site (renderer/site), read once when the
 * hub starts and served at /site/ only by their exact names (nothing else of the disk is reachable), with the
 * headers a page that asks for the camera needs — its own CSP, camera and microphone for this origin only, no
 * referrer (the one-time key rides in the fragment, which browsers never send).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { SITE_PAGE_PATH } from '../../shared/live-link';
import { requestPath } from '../../shared/request-target';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; media-src 'self' blob: mediastream:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

type File = { type: string; body: Buffer; cache: string };

/** The built page's folder, found upwards from the hub's own file (source: hub/live-links; build: out/main). */
export function sitePageDir(start = __dirname): string | undefined {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'out', 'site');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.basename(dir) === 'out' && existsSync(path.join(dir, 'site', 'index.html'))) return path.join(dir, 'site');
    dir = path.dirname(dir);
  }
  return undefined;
}

export type SitePage = (req: IncomingMessage, res: ServerResponse) => boolean;

export function loadSitePage(dir: string | undefined): SitePage {
  const files = new Map<string, File>();
  if (dir && existsSync(path.join(dir, 'index.html'))) {
    const add = (rel: string, cache: string) => {
      const type = TYPES[path.extname(rel)];
      if (type) files.set(rel, { type, body: readFileSync(path.join(dir, rel)), cache });
    };
    add('index.html', 'no-store');
    const assets = path.join(dir, 'assets');
    if (existsSync(assets)) for (const name of readdirSync(assets)) add(`assets/${name}`, 'public, max-age=31536000, immutable');
  }
  return (req, res) => {
    const p = requestPath(req.url)?.pathname;
    if (!p || (p !== SITE_PAGE_PATH.slice(0, -1) && !p.startsWith(SITE_PAGE_PATH))) return false;
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=()', 'Content-Security-Policy': CSP };
    // /site without its slash: the page's ./assets would resolve to /assets (the key is in the fragment, kept by the browser).
    if (p === SITE_PAGE_PATH.slice(0, -1)) {
      res.writeHead(301, { ...headers, Location: SITE_PAGE_PATH }).end();
      return true;
    }
    const rel = p.slice(SITE_PAGE_PATH.length) || 'index.html';
    const file = req.method === 'GET' || req.method === 'HEAD' ? files.get(rel) : undefined;
    if (!file) {
      const message = files.size ? 'not found' : 'the phone page is not built (npm run build)';
      res.writeHead(404, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'notFound', message } }));
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Type': file.type, 'Content-Length': file.body.length, 'Cache-Control': file.cache });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  };
}
