/**
 * The contract over Electron IPC. Each window we create is attached as one peer; a message from any
 * other sender, or from a frame that is not our page's main frame, is dropped and logged.
 * Validation of the message itself is the shared RPC server's job (every message, every time).
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CHANNEL } from '../../shared/rpc/bridge';
import type { ContractSpec } from '../../shared/rpc/define';
import type { PeerConnection, RpcServer } from '../../shared/rpc/server';
import { isTrustedSender } from './sender-check';

export type IpcTransport = { attach(contents: WebContents, appUrl: string): void; dispose(): void };

export function createIpcTransport<C extends ContractSpec>(ipcMain: IpcMain, server: RpcServer<C>, log: (line: string) => void): IpcTransport {
  const peers = new Map<number, { conn: PeerConnection; appUrl: string }>();

  const onMessage = (event: IpcMainEvent, raw: unknown) => {
    const peer = peers.get(event.sender.id);
    const frame = event.senderFrame;
    const trusted = !!peer && !!frame && isTrustedSender({ url: frame.url, isMainFrame: frame === event.sender.mainFrame }, peer.appUrl);
    if (!peer || !trusted) {
      log(`ipc: dropped a message from an untrusted sender (${frame?.url ?? 'no frame'})`);
      return;
    }
    void peer.conn.receive(raw);
  };
  ipcMain.on(IPC_CHANNEL, onMessage);

  return {
    attach(contents, appUrl) {
      const conn = server.connect(
        { send: (m) => !contents.isDestroyed() && contents.send(IPC_CHANNEL, m) },
        { transport: 'ipc', peer: `window-${contents.id}`, access: 'desk' },
      );
      peers.set(contents.id, { conn, appUrl });
      contents.once('destroyed', () => {
        conn.close();
        peers.delete(contents.id);
      });
    },
    dispose() {
      ipcMain.removeListener(IPC_CHANNEL, onMessage);
      for (const p of peers.values()) p.conn.close();
      peers.clear();
    },
  };
}
