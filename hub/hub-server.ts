/**
 * The reference hub: HTTP API + socket.io on one port, over its own SQLite store.
 * Started standalone (`npm run hub`) or in-process by a console with no hub configured (with the demo feed).
 */
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { HubTokenEntry } from '../shared/hub-protocol';
import type { TicketRecord } from '../shared/domain/ticket';
import type { HubRole } from '../shared/hub-protocol';
import type { TurnConfig } from './live-links/ice-servers';
import { loadSitePage, sitePageDir } from './live-links/site-page';
import { ingestRecords } from './ingest';
import { LoginGuard, TokenBook } from './auth';
import { AuditQueue } from './audit-log';
import { Gate, type GateLimits } from './gate';
import { createHttpApi } from './http-api';
import { attachRealtime, type Realtime } from './realtime';
import { HubStore } from './store/hub-store';
import { Importer } from './import/importer';
import { hubResourcesDir } from './resources-dir';

export type HubOptions = {
  /** SQLite file, or ':memory:'. */
  filename: string;
  tokens: HubTokenEntry[];
  host?: string;
  port?: number;
  clock?: () => number;
  /** Where the hub says what went wrong (stderr by default). */
  log?: (line: string) => void;
  /** Serve https and wss with this certificate (PEM). With `clientCa`, stations must also present a client
   * certificate issued by that CA (mutual TLS); chair and viewer consoles may. */
  tls?: HubTls;
  /** Per-token connection cap and request rate (defaults in gate.ts). */
  limits?: Partial<GateLimits>;
  /** Where uploaded imports and their refused-rows files are kept (default: imports/ beside the store, or a
   * temporary folder for an in-memory store). */
  importDir?: string;
  /** The resources folder (map pack, built-in gazetteer); found from the hub's own location by default. */
  resourcesDir?: string;
  /** The district's TURN server for live links across NAT (LIANDONG_TURN_URL / LIANDONG_TURN_SECRET). */
  turn?: TurnConfig;
  /** Where phones reach this hub for 现场连线 (LIANDONG_SITE_URL), when it is not the consoles' address of it. */
  siteUrl?: string;
  /** The built phone page for 现场连线 (out/site; found from the hub's own location by default). */
  sitePageDir?: string;
  /** The store's page cache in KiB, negative as SQLite takes it (default: the writer's large one). */
  storeCacheKib?: number;
};

export type HubTls = { cert: string; key: string; clientCa?: string };

/** Whether this request may use `who`'s token on this connection: under mutual TLS a station token counts only
 * over a connection whose client certificate the district CA issued. */
export function transportAllows(tls: HubTls | undefined, req: IncomingMessage, role: HubRole): boolean {
  if (!tls?.clientCa || role !== 'station') return true;
  return (req.socket as TLSSocket).authorized === true;
}

export type Hub = {
  url: string;
  port: number;
  store: HubStore;
  tokens: TokenBook;
  realtime: Realtime;
  importer: Importer;
  /** In-process ingest (the demo feed and tests): same path as POST /api/v1/tickets after validation. */
  ingest(records: readonly TicketRecord[]): Promise<number>;
  close(): Promise<void>;
};

export async function startHub(opts: HubOptions): Promise<Hub> {
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? ((line: string) => process.stderr.write(`[hub] ${line}\n`));
  const store = await HubStore.open(opts.filename, { cacheKib: opts.storeCacheKib });
  const tokens = await TokenBook.open(store.db, opts.tokens, clock);
  const tls = opts.tls;
  const http = tls ? createTlsServer({ cert: tls.cert, key: tls.key, ca: tls.clientCa, requestCert: Boolean(tls.clientCa), rejectUnauthorized: false }) : createServer();
  // A TLS handshake that fails (a client that does not trust us, a scanner) closes that socket and is logged.
  http.on('tlsClientError', (e: Error & { code?: string }) => log(`TLS handshake failed: ${e.code ?? e.message}`));
  const audit = new AuditQueue(store.db, log);
  const gate = new Gate({ tokens, guard: new LoginGuard(clock), audit, clock, allows: (req, role) => transportAllows(tls, req, role), limits: opts.limits });
  const realtime = attachRealtime(http, { store, tokens, gate, audit, clock, log, turn: opts.turn, siteUrl: opts.siteUrl });
  const importDir = opts.importDir ?? (opts.filename === ':memory:' ? await mkdtemp(path.join(os.tmpdir(), 'liandong-imports-')) : path.join(path.dirname(opts.filename), 'imports'));
  const importer = await Importer.open({ store, clock, onChanges: (c) => realtime.push(c), dir: importDir, resourcesDir: opts.resourcesDir ?? hubResourcesDir(), log });
  const api = createHttpApi({ store, gate, clock, onChanges: (c) => realtime.push(c), importer });
  const sitePage = loadSitePage(opts.sitePageDir ?? sitePageDir());
  http.on('request', (req, res) => {
    // socket.io answers its own path; everything else is ours.
    if (req.url?.startsWith('/socket.io/')) return;
    if (sitePage(req, res)) return;
    api(req, res)
      .then((handled) => {
        if (!handled && !res.headersSent) res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"notFound","message":"not found"}}');
      })
      .catch((e: unknown) => {
        // Nothing a request does may stop the hub: an unexpected throw is answered 500 (or the socket closed).
        log(`request ${req.method} ${String(req.url).slice(0, 200)} failed: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":{"code":"internal","message":"internal error"}}');
        else res.destroy();
      });
  });
  // A request Node cannot parse (bad method, header, chunking) is answered 400 and its socket closed.
  http.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  return {
    url: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    tokens,
    realtime,
    importer,
    async ingest(records) {
      const result = await ingestRecords(store, records, clock(), (c) => realtime.push(c));
      const [first] = result.rejected;
      if (first) throw new Error(`ingest refused ${result.rejected.length} record(s); #${first.index} (${first.ticketNo}): ${first.error}`);
      return result.changed;
    },
    async close() {
      await importer.close();
      http.closeAllConnections();
      tokens.close();
      await realtime.close(); // also closes the HTTP server
      await audit.idle();
      await store.close();
    },
  };
}
