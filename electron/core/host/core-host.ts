/**
 * The console's core in a process or thread of its own (as VS Code and Actual keep their back ends): it starts
 * the console service when its shell says `start`, serves each peer the shell hands it a port for, and closes
 * its store on `stop` before it answers `stopped` — the shell quits only then. The same for both shells:
 * Electron forks it as a utility process (utility-entry.ts), the web host runs it on a worker thread
 * (worker-entry.ts); each adapts its runtime's ports and control channel.
 */
import { describeZodError } from '../../../shared/rpc/errors';
import { servePort, type PortEnd } from '../../../shared/rpc/port-transport';
import type { DisplayInfo } from '../../../shared/contract';
import { startConsoleService, type ConsoleService } from '../console-service';
import { readWallSettings } from '../handlers/settings';
import { CoreStart, ToCore, type FromCore } from './core-protocol';

export type ControlChannel = {
  post(message: FromCore): void;
  /** Messages from the shell, with the port that came with one (`connect`). */
  listen(listener: (message: unknown, port: PortEnd | undefined) => void): void;
};

declare const __APP_VERSION__: string;

export function runCoreHost(control: ControlChannel): void {
  let service: ConsoleService | undefined;
  let starting: Promise<void> | undefined;
  let displays: DisplayInfo[] = [];
  const peers = new Set<{ close(): void }>();
  const log = (line: string) => control.post({ kind: 'log', line });

  const start = async (raw: unknown) => {
    const s = CoreStart.parse(raw);
    displays = s.displays ?? [];
    service = await startConsoleService({
      config: s.config,
      resourcesDir: s.resourcesDir,
      host: s.host,
      version: s.version || (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'),
      log,
      displays: () => displays,
      onWallSettings: (settings) => control.post({ kind: 'wallSettings', settings }),
      onMediaMoment: (media) => control.post({ kind: 'media', media }),
    });
    // The shell places its window by the wall's settings (Electron): their value now, then every change.
    control.post({ kind: 'ready', wallSettings: await readWallSettings(service.store) });
  };

  const stop = async () => {
    await starting?.catch(() => {});
    for (const p of peers) p.close();
    peers.clear();
    await service?.close();
    service = undefined;
    control.post({ kind: 'stopped' });
  };

  control.listen((raw, port) => {
    const m = ToCore.safeParse(raw);
    if (!m.success) {
      log(`core: a control message it does not know was dropped (${describeZodError(m.error)})`);
      port?.close();
      return;
    }
    const msg = m.data;
    if (msg.kind === 'start') {
      if (starting) return log('core: already started');
      starting = start(msg.start).catch((e: unknown) => {
        control.post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      });
    } else if (msg.kind === 'connect') {
      if (!port) return log(`core: ${msg.peer} came without a port`);
      // Peers connect once the service is up (a window may open before it is).
      void (starting ?? Promise.resolve()).then(() => {
        if (!service) return port.close();
        const served = servePort(service.server, port, { transport: msg.transport, peer: msg.peer, access: msg.access });
        peers.add(served);
        // A page reloaded, a screen gone: its port closes, and the core forgets it.
        port.onClose(() => peers.delete(served));
      });
    } else if (msg.kind === 'displays') {
      displays = msg.displays;
    } else {
      void stop().catch((e: unknown) => {
        log(`core: stopping failed: ${e instanceof Error ? e.message : String(e)}`);
        control.post({ kind: 'stopped' });
      });
    }
  });
}
