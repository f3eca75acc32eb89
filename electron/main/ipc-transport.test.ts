/**
 * The IPC transport with stand-ins for ipcMain and webContents (the Electron binary is not needed):
 * messages from our window are answered; from any other sender or frame they are dropped.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IPC_CHANNEL } from '../../shared/rpc/bridge';
import { defineContract } from '../../shared/rpc/define';
import { createRpcServer } from '../../shared/rpc/server';
import { createIpcTransport } from './ipc-transport';

const APP = 'file:///app/out/renderer/index.html';
const contract = defineContract({
  methods: { 'echo.say': { input: z.object({ s: z.string() }), output: z.object({ s: z.string() }) } },
  events: { 'echo.heard': z.object({ s: z.string() }) },
});

function fakeContents(id: number, url = APP) {
  const ee = new EventEmitter();
  const mainFrame = { url };
  const sent: unknown[] = [];
  return Object.assign(ee, { id, mainFrame, sent, isDestroyed: () => false, send: (_ch: string, m: unknown) => sent.push(m) });
}

function setup() {
  const ipcMain = new EventEmitter();
  const logs: string[] = [];
  const server = createRpcServer(contract, { 'echo.say': ({ s }) => ({ s }) });
  const ipc = createIpcTransport(ipcMain as never, server, (l) => logs.push(l));
  const deliver = async (contents: ReturnType<typeof fakeContents>, frame: { url: string } | null, msg: unknown) => {
    ipcMain.emit(IPC_CHANNEL, { sender: contents, senderFrame: frame }, msg);
    await new Promise((r) => setImmediate(r));
  };
  return { ipcMain, server, ipc, logs, deliver };
}

const req = { kind: 'request', id: 1, method: 'echo.say', input: { s: '收到' } };

describe('IPC transport', () => {
  it('answers our window and pushes events to it', async () => {
    const { ipc, deliver, server } = setup();
    const win = fakeContents(1);
    ipc.attach(win as never, APP);
    await deliver(win, win.mainFrame, req);
    server.publish('echo.heard', { s: 'x' });
    expect(win.sent).toEqual([
      { kind: 'response', id: 1, ok: true, value: { s: '收到' } },
      { kind: 'event', event: 'echo.heard', payload: { s: 'x' } },
    ]);
  });

  it('validates what our window sends', async () => {
    const { ipc, deliver } = setup();
    const win = fakeContents(1);
    ipc.attach(win as never, APP);
    await deliver(win, win.mainFrame, { kind: 'request', id: 2, method: 'echo.say', input: { s: 42 } });
    expect(win.sent).toEqual([expect.objectContaining({ id: 2, ok: false, error: expect.objectContaining({ code: 'badRequest' }) })]);
  });

  it('drops messages from a window it did not create, from a sub-frame, or from a page that navigated away', async () => {
    const { ipc, deliver, logs } = setup();
    const ours = fakeContents(1);
    ipc.attach(ours as never, APP);
    const stranger = fakeContents(2);
    await deliver(stranger, stranger.mainFrame, req);
    await deliver(ours, { url: APP }, req); // a frame object that is not the main frame
    const navigated = fakeContents(3, 'https://example.com/');
    ipc.attach(navigated as never, APP);
    await deliver(navigated, navigated.mainFrame, req);
    expect(stranger.sent).toEqual([]);
    expect(ours.sent).toEqual([]);
    expect(navigated.sent).toEqual([]);
    expect(logs).toHaveLength(3);
  });

  it('forgets a window when it is destroyed', () => {
    const { ipc, server } = setup();
    const win = fakeContents(1);
    ipc.attach(win as never, APP);
    expect(server.peerCount).toBe(1);
    win.emit('destroyed');
    expect(server.peerCount).toBe(0);
  });
});
