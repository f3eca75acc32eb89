/**
 * Preload (sandboxed, context-isolated): exposes one object, window.liandong, a message pipe for
 * the contract. Never exposes ipcRenderer itself or any Node API.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL, type LiandongBridge } from '../../shared/rpc/bridge';

const bridge: LiandongBridge = {
  send(message) {
    ipcRenderer.send(IPC_CHANNEL, message);
  },
  onMessage(listener) {
    const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(IPC_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('liandong', bridge);
