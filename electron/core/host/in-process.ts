/**
 * The core in the shell's own thread, reached over the same port transport as when it runs beside it: each peer
 * gets a MessageChannel, one end served by the console's RPC server. Tests and benchmarks use it where they also
 * look inside the service (its store, its sync); the product's shells run the core beside them
 * (electron/webhost/core-worker.ts, electron/main/core-process.ts).
 */
import { MessageChannel } from 'node:worker_threads';
import type { ContractSpec } from '../../../shared/rpc/define';
import { servePort, type CoreLink } from '../../../shared/rpc/port-transport';
import type { RpcServer } from '../../../shared/rpc/server';
import { nodePort } from './node-port';

export function inProcessCore<C extends ContractSpec>(server: RpcServer<C>): CoreLink {
  return {
    open(ctx) {
      const { port1, port2 } = new MessageChannel();
      servePort(server, nodePort(port2), ctx);
      return nodePort(port1);
    },
  };
}
