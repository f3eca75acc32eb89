/**
 * The contract over a WebSocket: one JSON message per frame, each passed to the core over the screen's own port
 * (the core runs beside the web host: shared/rpc/port-transport.ts), and the core's replies and events back.
 * Token required on connect; a frame that is not JSON gets an error reply; nothing a client sends can crash the host.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { requestPath } from '../../shared/request-target';
import type { CoreLink } from '../../shared/rpc/port-transport';
import type { WireResponse } from '../../shared/rpc/wire';

export const RPC_PATH = '/rpc';
/** Largest frame accepted from a screen (bounds memory per message). */
const MAX_FRAME_BYTES = 16 * 1024 * 1024; // a district map pack (GeoJSON) is the largest request

export function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An Origin header's host, or undefined when it names none (`null`, garbage). */
function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.host || undefined;
  } catch {
    return undefined;
  }
}

export type WebSocketTransport = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  close(): void;
};

/** `token` opens the desk console (full rights), `wallToken` an extra wall screen (read-only). */
export function createWebSocketTransport(core: CoreLink, token: string, wallToken?: string): WebSocketTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let nextPeer = 1;

  wss.on('connection', (ws: WebSocket, req: IncomingMessage, access: 'desk' | 'wall') => {
    const peer = `ws-${nextPeer++}@${req.socket.remoteAddress ?? '?'}`;
    const port = core.open({ transport: 'websocket', peer, access });
    port.listen((m) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m)));
    // The core gone (stopping): the screen's link drops, and its page says so and reconnects.
    port.onClose(() => ws.readyState === ws.OPEN && ws.close(1012, 'the console is restarting'));
    ws.on('message', (data, isBinary) => {
      let msg: unknown;
      try {
        if (isBinary) throw new Error('binary frames are not accepted');
        msg = JSON.parse(data.toString());
      } catch (e) {
        const reply: WireResponse = { kind: 'response', id: null, ok: false, error: { code: 'badRequest', message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` } };
        ws.send(JSON.stringify(reply));
        return;
      }
      port.post(msg);
    });
    ws.on('close', () => port.close());
    ws.on('error', () => port.close());
  });

  return {
    handleUpgrade(req, socket, head) {
      const refuse = (status: number, text: string) => {
        if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}\n`);
        else socket.destroy();
      };
      socket.on('error', () => socket.destroy());
      try {
        const url = requestPath(req.url);
        if (!url || url.pathname !== RPC_PATH) return refuse(404, 'Not Found');
        const given = url.searchParams.get('token');
        const access = tokenMatches(given, token) ? 'desk' : wallToken && tokenMatches(given, wallToken) ? 'wall' : null;
        if (!access) return refuse(401, 'Unauthorized: missing or wrong token');
        // A page from another origin (or none: `Origin: null` from file:// pages and sandboxed frames) must not
        // drive the console even if it learned the token.
        const origin = req.headers.origin;
        if (origin !== undefined && hostOf(origin) !== req.headers.host) return refuse(403, 'Forbidden: cross-origin connection');
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, access));
      } catch {
        // ws refuses a malformed handshake itself; anything else thrown here closes this socket, never the host.
        refuse(400, 'Bad Request');
      }
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
