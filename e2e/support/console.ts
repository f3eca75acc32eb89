/** A real console for a test: the core over a store file in a temp folder, served by the web host. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../../electron/core/config';
import { startConsoleService, type ConsoleService } from '../../electron/core/console-service';
import { startWebHost, type WebHost } from '../../electron/webhost/web-host';
import { inProcessCore } from '../../electron/core/host/in-process';

export const ROOT = path.resolve(__dirname, '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

export type TestConsole = { service: ConsoleService; host: WebHost; dataDir: string; stop(): Promise<void> };

/** A console over the embedded demo hub (demo feed off unless env says otherwise), synced before it returns. */
export async function startTestConsole(env: Record<string, string> = {}, tuning: { pageSize?: number; waitForSync?: boolean; autoEscalation?: boolean; log?: (line: string) => void; webHostAddress?: string } = {}): Promise<TestConsole> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` first (`npm test` does it).');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'liandong-e2e-'));
  const service = await startConsoleService({
    config: readConfig({ LIANDONG_DEMO_RATE: '0', ...env }, { dataDir }),
    resourcesDir: path.join(ROOT, 'resources'),
    host: 'webhost',
    version: 'e2e',
    retry: { baseMs: 20, maxMs: 200 },
    link: { reconnectDelayMs: 20, reconnectDelayMaxMs: 200 },
    pageSize: tuning.pageSize,
    autoEscalation: tuning.autoEscalation ?? false,
    log: tuning.log,
  });
  if (service.embedded && tuning.waitForSync !== false) await service.sync.whenCursorAtLeast(service.embedded.hub.store.head);
  const host = await startWebHost({ core: inProcessCore(service.server), staticDir: RENDERER_DIR, host: tuning.webHostAddress });
  return {
    service,
    host,
    dataDir,
    async stop() {
      await host.close();
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
