/**
 * Electron main process: the thin shell — windows, displays and the lifecycle. The console's core (electron/core)
 * runs in a utility process (core-process.ts); each window's page talks to it over a MessagePort of its own. The
 * only layer (with the preload) that imports electron.
 */
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, ipcMain, screen, type BrowserWindow } from 'electron';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { rendererUrl } from './app-request';
import { readConfig, type ConsoleConfig } from '../core/config';
import { startWebHost, type WebHost } from '../webhost/web-host';
import { createWindowPorts } from './window-ports';
import { applyGpuChoice, watchGpu } from './gpu-choice';
import { startCoreProcess, type CoreProcess } from './core-process';
import { hardenApp, hardenSession } from './security';
import { NO_MEDIA } from '../core/meetings/media-moment';
import { isTrustedSender } from './sender-check';
import { createWallWindow, listDisplays, moveWallWindow } from './wall-window';

const log = (line: string) => process.stderr.write(`[liandong] ${line}\n`);
const rendererDir = path.join(__dirname, '..', 'renderer');
const appUrl = rendererUrl(app.isPackaged, process.env);
const isAppUrl = (url: string) => isTrustedSender({ url, isMainFrame: true }, appUrl);

/** The configuration, read early for the GPU switches (which precede `ready`); a bad value is reported in run(). */
function configured(): ConsoleConfig | undefined {
  try {
    return readConfig(process.env, { dataDir: path.join(app.getPath('userData'), 'data') });
  } catch {
    return undefined;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Everything the console writes (stores, minutes) is for its own user only: files 0600, folders 0700.
  process.umask(0o077);
  registerAppScheme();
  hardenApp(isAppUrl, log);
  void run(applyGpuChoice(app, configured()?.gpu ?? 'auto'));
}

async function run(gpuSwitched: boolean): Promise<void> {
  await app.whenReady();
  watchGpu(app, configured()?.gpu ?? 'auto', gpuSwitched, log);
  serveAppScheme(rendererDir, log);
  let core: CoreProcess | undefined;
  hardenSession(log, appUrl, () => core?.media ?? NO_MEDIA);
  let webHost: WebHost | undefined;
  try {
    const config = readConfig(process.env, { dataDir: path.join(app.getPath('userData'), 'data') }); // a bad value throws here, shown below
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    await chmod(config.dataDir, 0o700);
    const resourcesDir = config.resourcesDir ?? (app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources'));
    let win: BrowserWindow | undefined;

    // The core in a utility process of its own: the store, the sync, the embedded hub are not in this process.
    const started = await startCoreProcess({ config, resourcesDir, host: 'electron', version: app.getVersion(), displays: listDisplays() }, log);
    core = started;
    core.onExit((code) => {
      dialog.showErrorBox('联动已停止 (Liandong stopped)', `控制台核心意外退出 (the console's core ended unexpectedly, exit ${code}); 请重新启动 (please start it again).`);
      app.exit(1);
    });
    // The window goes where the stored settings say from the start; a later change of them moves it.
    let settingDisplayId = core.wallSettings.displayId;
    core.onWallSettings((s) => {
      if (s.displayId === settingDisplayId) return;
      settingDisplayId = s.displayId;
      if (win) moveWallWindow(win, { display: config.display, kiosk: config.kiosk, log }, s.displayId);
    });
    for (const ev of ['display-added', 'display-removed', 'display-metrics-changed'] as const) screen.on(ev as 'display-added', () => started.displays(listDisplays()));
    // Extra wall screens in a browser: serve the same contract when a port is configured.
    if (config.webHost.port) {
      webHost = await startWebHost({ core, staticDir: rendererDir, host: config.webHost.host, port: config.webHost.port });
      // Extra screens get the read-only link: chair rights stay with this desk console.
      process.stdout.write(`Liandong wall (read-only): ${webHost.viewerUrl}\n`);
    }
    const ports = createWindowPorts(ipcMain, (contents) => started.connectWindow(contents), log);
    win = createWallWindow({ preload: path.join(__dirname, '..', 'preload', 'index.js'), display: config.display, settingDisplayId, kiosk: config.kiosk, log });
    ports.attach(win.webContents, appUrl);
    await win.loadURL(appUrl);
  } catch (e) {
    dialog.showErrorBox('联动启动失败 (Liandong could not start)', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the core to close its store (a store closed mid-write would be recovered, but need not be).
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    void (async () => {
      await webHost?.close().catch(() => {});
      await core?.stop().catch((e: unknown) => log(`the core did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`));
      closed = true;
      app.quit();
    })();
  });
}
