/** A worker_threads MessagePort as a PortEnd (the web host and its core's thread; tests in one thread). */
import type { MessagePort } from 'node:worker_threads';
import type { PortEnd } from '../../../shared/rpc/port-transport';

export function nodePort(port: MessagePort): PortEnd {
  return {
    post: (m) => port.postMessage(m),
    listen(listener) {
      port.on('message', listener);
      return () => port.off('message', listener);
    },
    close: () => port.close(),
    onClose: (listener) => void port.once('close', listener),
  };
}
