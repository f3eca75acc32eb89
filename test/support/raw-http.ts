/**
 * Raw HTTP for tests of what a server does with requests no well-behaved client would send: the bytes go
 * out as written, and the answer is what came back before the server closed the socket (or `timeoutMs`).
 */
import net from 'node:net';

export type RawAnswer = {
  /** The status code of the first response line, or null when none came. */
  status: number | null;
  text: string;
  /** The server closed the socket (or reset it) before the time was up. */
  closed: boolean;
};

/** `halfClose`: end the sending side after the request (a server waiting for more must answer at once). */
export function rawExchange(port: number, request: string | Buffer, opts: { host?: string; timeoutMs?: number; halfClose?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: opts.host ?? '127.0.0.1', port, allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, closed });
    };
    const timer = setTimeout(() => finish(false), opts.timeoutMs ?? 5000);
    socket.on('connect', () => (opts.halfClose ? socket.end(request) : socket.write(request)));
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/** A WebSocket upgrade request to `target`, with extra header lines. */
export function upgradeRequest(target: string, host: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${target} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return lines.join('\r\n') + '\r\n\r\n';
}
