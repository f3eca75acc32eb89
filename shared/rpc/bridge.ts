/**
 * What the Electron preload exposes to the page (window.liandong): a message pipe, nothing more.
 * No ipcRenderer, no Node: the page can only send contract messages and hear replies and events. Underneath, the
 * pipe is a MessagePort to the console's core, which the preload asks the main process for (PORT_REQUEST) and
 * receives on PORT_CHANNEL.
 */
export const PORT_REQUEST = 'liandong:port-request';
export const PORT_CHANNEL = 'liandong:port';

export type LiandongBridge = {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
};
