/**
 * The console's core in Electron's utility process (as VS Code runs its extension host and Actual its server):
 * the store, the sync, the embedded hub, pdfkit — none of it in the process that owns the windows. Each window
 * gets a MessagePort to it (window-ports.ts); the main process keeps windows, displays and the lifecycle, and
 * quitting waits for the core to close its store.
 */
import path from 'node:path';
import { MessageChannelMain, utilityProcess, type MessagePortMain, type WebContents } from 'electron';
import { PORT_CHANNEL } from '../../shared/rpc/bridge';
import type { DisplayInfo, WallSettings } from '../../shared/contract';
import type { CoreLink } from '../../shared/rpc/port-transport';
import { mainPort } from '../core/host/main-port';
import { coreProcessEnv } from '../core/core-process-env';
import type { CoreStart, FromCore, ToCoreMessage } from '../core/host/core-protocol';
import { NO_MEDIA, type MediaMoment } from '../core/meetings/media-moment';

export type CoreProcess = CoreLink & {
  /** The wall's settings as the core started with them. */
  readonly wallSettings: WallSettings;
  /** The core's process ended without being asked to (a fault). */
  onExit(listener: (code: number) => void): void;
  /** A window's page gets its own port to the core (full rights: the desk console). */
  connectWindow(contents: WebContents): void;
  displays(list: DisplayInfo[]): void;
  onWallSettings(listener: (s: WallSettings) => void): void;
  /** When the camera and microphone may be used now, as the core last said (none until it says). */
  readonly media: MediaMoment;
  /** Asks the core to close its store, and waits for it (or for the process to end). */
  stop(): Promise<void>;
};

export async function startCoreProcess(start: CoreStart, log: (line: string) => void): Promise<CoreProcess> {
  const child = utilityProcess.fork(path.join(__dirname, 'core-utility.js'), [], { serviceName: 'Liandong core', stdio: 'inherit', env: coreProcessEnv(process.env) });
  const wallListeners = new Set<(s: WallSettings) => void>();
  let media: MediaMoment = NO_MEDIA;
  let stopped: (() => void) | undefined;
  const exited = new Promise<number>((resolve) => child.once('exit', resolve));
  const send = (m: ToCoreMessage, ports?: MessagePortMain[]) => child.postMessage(m, ports);
  const ready = new Promise<WallSettings>((resolve, reject) => {
    child.on('message', (m: FromCore) => {
      if (m.kind === 'ready') resolve(m.wallSettings);
      else if (m.kind === 'failed') reject(new Error(m.message));
      else if (m.kind === 'log') log(m.line);
      else if (m.kind === 'wallSettings') wallListeners.forEach((l) => l(m.settings));
      else if (m.kind === 'media') media = m.media;
      else if (m.kind === 'stopped') stopped?.();
    });
    void exited.then((code) => reject(new Error(`the core's process ended (exit ${code}) before it was ready`)));
  });
  child.once('spawn', () => send({ kind: 'start', start }));
  const wallSettings = await ready;
  let stopping = false;
  return {
    wallSettings,
    onExit: (l) => void exited.then((code) => !stopping && l(code)),
    open(ctx) {
      const { port1, port2 } = new MessageChannelMain();
      send({ kind: 'connect', peer: ctx.peer, transport: ctx.transport, access: ctx.access ?? 'wall' }, [port2]);
      return mainPort(port1);
    },
    connectWindow(contents) {
      const { port1, port2 } = new MessageChannelMain();
      send({ kind: 'connect', peer: `window-${contents.id}`, transport: 'ipc', access: 'desk' }, [port2]);
      contents.postMessage(PORT_CHANNEL, null, [port1]);
    },
    displays: (list) => send({ kind: 'displays', displays: list }),
    onWallSettings: (l) => void wallListeners.add(l),
    get media() {
      return media;
    },
    async stop() {
      stopping = true;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      send({ kind: 'stop' });
      await Promise.race([done, exited]);
      child.kill();
    },
  };
}
