/**
 * Handing windows their ports to the core, with stand-ins for ipcMain and webContents (the Electron binary is not
 * needed): our window's page is given a port; any other sender or frame is refused.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PORT_REQUEST } from '../../shared/rpc/bridge';
import { createWindowPorts } from './window-ports';

const APP = 'file:///app/out/renderer/index.html';

function fakeContents(id: number, url = APP) {
  const ee = new EventEmitter();
  return Object.assign(ee, { id, mainFrame: { url } });
}

function setup() {
  const ipcMain = new EventEmitter();
  const logs: string[] = [];
  const given: number[] = [];
  const ports = createWindowPorts(ipcMain as never, (contents) => given.push(contents.id), (l) => logs.push(l));
  const ask = (contents: ReturnType<typeof fakeContents>, frame: { url: string } | null) => ipcMain.emit(PORT_REQUEST, { sender: contents, senderFrame: frame });
  return { ipcMain, ports, logs, given, ask };
}

describe('window ports', () => {
  it('gives our window’s page a port each time it loads', () => {
    const { ports, ask, given } = setup();
    const win = fakeContents(1);
    ports.attach(win as never, APP);
    ask(win, win.mainFrame);
    ask(win, win.mainFrame); // reloaded
    expect(given).toEqual([1, 1]);
  });

  it('refuses a window it did not create, a sub-frame, and a page that navigated away', () => {
    const { ports, ask, given, logs } = setup();
    const ours = fakeContents(1);
    ports.attach(ours as never, APP);
    const stranger = fakeContents(2);
    ask(stranger, stranger.mainFrame);
    ask(ours, { url: APP }); // a frame object that is not the main frame
    const navigated = fakeContents(3, 'https://example.com/');
    ports.attach(navigated as never, APP);
    ask(navigated, navigated.mainFrame);
    expect(given).toEqual([]);
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatch(/refused a port to an untrusted sender/);
  });

  it('forgets a window when it is destroyed, and stops listening when disposed', () => {
    const { ports, ask, given, ipcMain } = setup();
    const win = fakeContents(1);
    ports.attach(win as never, APP);
    win.emit('destroyed');
    ask(win, win.mainFrame);
    expect(given).toEqual([]);
    ports.dispose();
    expect(ipcMain.listenerCount(PORT_REQUEST)).toBe(0);
  });
});
