/**
 * Preload (sandboxed, context-isolated): exposes one object, window.liandong, a message pipe for the contract.
 * Never exposes ipcRenderer itself, the port, or any Node API. The pipe is a MessagePort to the console's core
 * (in its utility process), handed over by the main process when this page asks; what the page sends before it
 * arrives waits here, in order.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PORT_CHANNEL, PORT_REQUEST, type LiandongBridge } from '../../shared/rpc/bridge';

let port: MessagePort | undefined;
const waiting: unknown[] = [];
const listeners = new Set<(message: unknown) => void>();

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const given = event.ports[0];
  if (!given) return;
  port = given;
  port.onmessage = (e: MessageEvent) => listeners.forEach((l) => l(e.data));
  for (const m of waiting.splice(0)) port.postMessage(m);
});
ipcRenderer.send(PORT_REQUEST);

const bridge: LiandongBridge = {
  send(message) {
    if (port) port.postMessage(message);
    else waiting.push(message);
  },
  onMessage(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('liandong', bridge);
