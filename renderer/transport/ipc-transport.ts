/** Client side of the Electron IPC transport: the preload's window.liandong message pipe. */
import type { LiandongBridge } from '../../shared/rpc/bridge';
import type { ClientTransport } from '../../shared/rpc/client';

export function ipcTransport(bridge: LiandongBridge): ClientTransport {
  return {
    send: (message) => bridge.send(message),
    onMessage: (listener) => bridge.onMessage(listener),
  };
}
