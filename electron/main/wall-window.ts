/**
 * The wall window: on the chosen display, optionally kiosk, kept awake, reloaded if its renderer dies.
 */
import { BrowserWindow, powerSaveBlocker, screen } from 'electron';
import { secureWebPreferences } from './web-preferences';

export type WallWindowOptions = {
  preload: string;
  display: number | null;
  kiosk: boolean;
  log: (line: string) => void;
};

export function createWallWindow(opts: WallWindowOptions): BrowserWindow {
  const displays = screen.getAllDisplays();
  const target = (opts.display !== null ? displays[opts.display] : undefined) ?? screen.getPrimaryDisplay();
  if (opts.display !== null && !displays[opts.display]) opts.log(`display ${opts.display} not found; using the primary display`);
  const { x, y, width, height } = target.workArea;
  const win = new BrowserWindow({
    x,
    y,
    width: Math.min(width, 1920),
    height: Math.min(height, 1080),
    kiosk: opts.kiosk,
    fullscreen: opts.kiosk,
    backgroundColor: '#0b1220',
    show: false,
    autoHideMenuBar: true,
    title: '联动 Liandong',
    webPreferences: secureWebPreferences(opts.preload),
  });
  win.once('ready-to-show', () => win.show());
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  win.on('closed', () => powerSaveBlocker.stop(blocker));
  win.webContents.on('render-process-gone', (_e, details) => {
    opts.log(`renderer gone (${details.reason}); reloading`);
    if (!win.isDestroyed()) win.webContents.reload();
  });
  return win;
}
