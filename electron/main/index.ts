/**
 * Electron main process: the thin shell. Starts the console service (electron/core), opens the wall
 * window, and carries the contract over IPC. The only layer (with the preload) that imports electron.
 */
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { rendererUrl } from './app-request';
import { readConfig } from '../core/config';
import { startConsoleService, type ConsoleService } from '../core/console-service';
import { readWallSettings } from '../core/handlers/settings';
import { startWebHost, type WebHost } from '../webhost/web-host';
import { createIpcTransport } from './ipc-transport';
import { hardenApp, hardenSession } from './security';
import { isTrustedSender } from './sender-check';
import { createWallWindow, listDisplays, moveWallWindow } from './wall-window';

const log = (line: string) => process.stderr.write(`[liandong] ${line}\n`);
const rendererDir = path.join(__dirname, '..', 'renderer');
const appUrl = rendererUrl(app.isPackaged, process.env);
const isAppUrl = (url: string) => isTrustedSender({ url, isMainFrame: true }, appUrl);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Everything the console writes (stores, minutes) is for its own user only: files 0600, folders 0700.
  process.umask(0o077);
  registerAppScheme();
  hardenApp(isAppUrl, log);
  void run();
}

async function run(): Promise<void> {
  await app.whenReady();
  serveAppScheme(rendererDir, log);
  hardenSession(log);
  let service: ConsoleService;
  let webHost: WebHost | undefined;
  try {
    const config = readConfig(process.env, { dataDir: path.join(app.getPath('userData'), 'data') });
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    await chmod(config.dataDir, 0o700);
    const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');
    let win: BrowserWindow | undefined;
    service = await startConsoleService({
      config,
      resourcesDir,
      host: 'electron',
      version: app.getVersion(),
      log,
      displays: listDisplays,
      onWallSettings: (s) => win && moveWallWindow(win, { display: config.display, kiosk: config.kiosk, log }, s.displayId),
    });
    // Extra wall screens in a browser: serve the same contract when a port is configured.
    if (process.env.LIANDONG_PORT) {
      webHost = await startWebHost({ server: service.server, staticDir: rendererDir, host: config.webHost.host, port: config.webHost.port });
      // Extra screens get the read-only link: chair rights stay with this desk console.
      process.stdout.write(`Liandong wall (read-only): ${webHost.viewerUrl}\n`);
    }
    const ipc = createIpcTransport(ipcMain, service.server, log);
    const wall = await readWallSettings(service.store);
    win = createWallWindow({ preload: path.join(__dirname, '..', 'preload', 'index.js'), display: config.display, settingDisplayId: wall.displayId, kiosk: config.kiosk, log });
    ipc.attach(win.webContents, appUrl);
    await win.loadURL(appUrl);
  } catch (e) {
    dialog.showErrorBox('联动启动失败 (Liandong could not start)', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void webHost?.close();
    void service.close();
  });
}
