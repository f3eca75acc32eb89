/**
 * Electron's MessagePortMain as a PortEnd — typed by what is used of it, so that the core (which never imports
 * electron) and the main process adapt it the same way.
 */
import type { PortEnd } from '../../../shared/rpc/port-transport';

export type MainPortLike = {
  postMessage(m: unknown): void;
  on(ev: 'message', l: (e: { data: unknown }) => void): unknown;
  on(ev: 'close', l: () => void): unknown;
  off(ev: 'message', l: (e: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
};

export function mainPort(port: MainPortLike): PortEnd {
  port.start();
  return {
    post: (m) => port.postMessage(m),
    listen(listener) {
      const l = (e: { data: unknown }) => listener(e.data);
      port.on('message', l);
      return () => void port.off('message', l);
    },
    close: () => port.close(),
    onClose: (listener) => void port.on('close', listener),
  };
}
