/**
 * An in-memory client/server pair: the same contract with no process boundary, for tests.
 * Messages are cloned on the way (structuredClone), as a real transport would.
 */
import type { ClientTransport } from './client';
import type { ContractSpec } from './define';
import type { RpcServer } from './server';

export function connectInMemory<C extends ContractSpec>(server: RpcServer<C>, peer = 'memory'): ClientTransport & { close(): void } {
  const listeners = new Set<(m: unknown) => void>();
  const conn = server.connect(
    { send: (m) => queueMicrotask(() => listeners.forEach((l) => l(structuredClone(m)))) },
    { transport: 'memory', peer, access: 'desk' },
  );
  return {
    send(message) {
      void conn.receive(structuredClone(message));
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      conn.close();
    },
  };
}
