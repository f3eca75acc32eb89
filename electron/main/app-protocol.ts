/** Serves app:// from the built renderer folder (see app-request.ts), with the security headers. */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { securityHeaders } from '../webhost/static-files';
import { APP_SCHEME, resolveAppRequest } from './app-request';

/** Before 'ready': app:// is a standard, secure origin (fetch, CSP and storage behave as on https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After 'ready'. */
export function serveAppScheme(root: string, log: (line: string) => void): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const r = resolveAppRequest(root, req.url);
    if (!r.ok) {
      log(`app:// refused ${req.url.slice(0, 200)} (${r.status})`);
      return new Response(null, { status: r.status });
    }
    try {
      return new Response(await readFile(r.file), { status: 200, headers: { ...securityHeaders(), 'Content-Type': r.type } });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
