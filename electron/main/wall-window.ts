/**
 * The wall window: on the chosen display, optionally kiosk, kept awake, reloaded if its renderer dies.
 */
import { BrowserWindow, powerSaveBlocker, screen } from 'electron';
import { chooseDisplay, describeDisplays } from './display-choice';
import { secureWebPreferences } from './web-preferences';

export type WallWindowOptions = {
  preload: string;
  /** LIANDONG_DISPLAY (an index), if the deployment sets one. */
  display: number | null;
  /** The display chosen in the wall's settings (an Electron display id). */
  settingDisplayId: number | null;
  kiosk: boolean;
  log: (line: string) => void;
};

function targetDisplay(envIndex: number | null, settingId: number | null, log: (line: string) => void) {
  const { display, note } = chooseDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay(), { envIndex, settingId });
  if (note) log(note);
  return display;
}

export const listDisplays = () => describeDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay());

/** Move the wall to the display the settings now name (full screen there when in kiosk mode). */
export function moveWallWindow(win: BrowserWindow, opts: Pick<WallWindowOptions, 'display' | 'kiosk' | 'log'>, settingDisplayId: number | null): void {
  if (win.isDestroyed()) return;
  const target = targetDisplay(opts.display, settingDisplayId, opts.log);
  if (opts.kiosk) win.setKiosk(false);
  win.setBounds(target.workArea);
  if (opts.kiosk) win.setKiosk(true);
}

export function createWallWindow(opts: WallWindowOptions): BrowserWindow {
  const target = targetDisplay(opts.display, opts.settingDisplayId, opts.log);
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
