/**
 * The web host: the built renderer over HTTP plus the contract over a WebSocket, for extra wall
 * screens in a browser and for tests. Binds to 127.0.0.1 unless configured otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreLink } from '../../shared/rpc/port-transport';
import { serveStatic } from './static-files';
import { createWebSocketTransport } from './websocket-transport';

export type WebHostOptions = {
  /** The console's core: a port per screen (on its worker thread, or in this one: core/host/in-process.ts). */
  core: CoreLink;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** The desk console's token (full rights); generated when not given. */
  token?: string;
  /** Extra wall screens' token (read-only); generated when not given. */
  wallToken?: string;
};

export type WebHost = {
  url: string;
  /** The URL the desk console opens: carries its token (full rights). */
  wallUrl: string;
  /** The URL for extra wall screens: a read-only token (they show the wall, they cannot act). */
  viewerUrl: string;
  port: number;
  token: string;
  wallToken: string;
  readonly clientCount: number;
  close(): Promise<void>;
};

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const wallToken = opts.wallToken ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const ws = createWebSocketTransport(opts.core, token, wallToken);
  const http = createServer((req, res) => {
    serveStatic(opts.staticDir, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  http.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  http.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    wallUrl: `${url}?token=${token}`,
    viewerUrl: `${url}?token=${wallToken}`,
    port,
    token,
    wallToken,
    get clientCount() {
      return ws.clientCount;
    },
    async close() {
      ws.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
