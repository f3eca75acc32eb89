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
  const token = takeToken(win);
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return websocketTransport(`${scheme}://${win.location.host}/rpc?token=${encodeURIComponent(token)}`);
}

/**
 * The access token arrives in the address (?token=…); it is taken out of the address bar at once (not left
 * for a screenshot, a bookmark or a shoulder) and kept for this tab only, so a reload still connects.
 */
export function takeToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    win.sessionStorage.setItem('liandong.token', fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem('liandong.token') ?? '';
}
