/**
 * Each window we create gets a port to the console's core (in its utility process): its preload asks for one when
 * the page loads, and only the main frame of a window we created, showing the renderer we loaded, is given one
 * (any other sender or frame is refused and logged). The contract then runs over that port — the main process
 * carries none of it. A page loaded again asks again; its old port closed with the old page.
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { PORT_REQUEST } from '../../shared/rpc/bridge';
import { isTrustedSender } from './sender-check';

export type WindowPorts = { attach(contents: WebContents, appUrl: string): void; dispose(): void };

/** `handOver`: make a port pair, one end to the core, the other to this window's page. */
export function createWindowPorts(ipcMain: Pick<IpcMain, 'on' | 'removeListener'>, handOver: (contents: WebContents) => void, log: (line: string) => void): WindowPorts {
  const windows = new Map<number, string>();

  const onRequest = (event: IpcMainEvent) => {
    const appUrl = windows.get(event.sender.id);
    const frame = event.senderFrame;
    const trusted = appUrl !== undefined && !!frame && isTrustedSender({ url: frame.url, isMainFrame: frame === event.sender.mainFrame }, appUrl);
    if (!trusted) {
      log(`ipc: refused a port to an untrusted sender (${frame?.url ?? 'no frame'})`);
      return;
    }
    handOver(event.sender);
  };
  ipcMain.on(PORT_REQUEST, onRequest);

  return {
    attach(contents, appUrl) {
      windows.set(contents.id, appUrl);
      contents.once('destroyed', () => windows.delete(contents.id));
    },
    dispose() {
      ipcMain.removeListener(PORT_REQUEST, onRequest);
      windows.clear();
    },
  };
}
