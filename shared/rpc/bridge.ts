/**
 * What the Electron preload exposes to the page (window.liandong): a message pipe, nothing more.
 * No ipcRenderer, no Node: the page can only send contract messages and hear replies and events.
 */
export const IPC_CHANNEL = 'liandong:rpc';

export type LiandongBridge = {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
};
