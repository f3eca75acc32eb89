/**
 * Chosen once, at start-up: inside Electron the preload has put a bridge on window.liandong;
 * in a browser the page was opened from the web host with ?token=… and talks over its WebSocket.
 * Nothing else in the renderer knows which one it got.
 */
import type { LiandongBridge } from '../../shared/rpc/bridge';
import type { ClientTransport } from '../../shared/rpc/client';
import { ipcTransport } from './ipc-transport';
import { websocketTransport } from './websocket-transport';

export function chooseTransport(win: Window & { liandong?: LiandongBridge }): ClientTransport {
  if (win.liandong) return ipcTransport(win.liandong);
  const token = new URLSearchParams(win.location.search).get('token') ?? '';
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return websocketTransport(`${scheme}://${win.location.host}/rpc?token=${encodeURIComponent(token)}`);
}
