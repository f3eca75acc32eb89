/**
 * The contract over a message port — the transport between a window (or the web host) and the console's core
 * when the core runs beside the main process (as VS Code and Actual keep their back ends): Electron's
 * MessagePortMain in a utility process, Node's worker_threads MessagePort in the web host, the DOM's MessagePort in
 * a preload. Each runtime's port is adapted to `PortEnd` by its side; messages are the same envelopes as on
 * every transport (wire.ts), structured-cloned by the port.
 *
 * A port is a private pipe: only whoever was handed its other end can write to it, so who is calling (`ctx`) is
 * what the side that handed the port over said when it did (the core never takes a peer's word for it).
 */
import type { ClientTransport } from './client';
import type { CallContext, ContractSpec } from './define';
import type { RpcServer } from './server';

export type PortEnd = {
  post(message: unknown): void;
  /** Messages from the other end; returns how to stop listening. */
  listen(listener: (message: unknown) => void): () => void;
  close(): void;
  /** The other end went (its holder closed it, or its thread or process ended). */
  onClose(listener: () => void): void;
};

/** Serve the contract to the peer holding the port's other end, until `close` (or the port closes). */
export function servePort<C extends ContractSpec>(server: RpcServer<C>, port: PortEnd, ctx: CallContext): { close(): void } {
  const conn = server.connect({ send: (m) => port.post(m) }, ctx);
  const off = port.listen((m) => void conn.receive(m));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    off();
    conn.close(); // no more events to a peer that has gone
    port.close();
  };
  port.onClose(close);
  return { close };
}

/** A client's transport over a port (its other end served by `servePort`). */
export function portTransport(port: PortEnd): ClientTransport & { close(): void } {
  return {
    send: (message) => port.post(message),
    onMessage: (listener) => port.listen(listener),
    close: () => port.close(),
  };
}

/** Where a shell gets a port to the core for each peer it serves (a window, a web screen). */
export type CoreLink = { open(ctx: CallContext): PortEnd };
