/** A chair console in memory on a test hub, synced to the hub's head before it is handed over. */
import path from 'node:path';
import { readConfig } from '../../electron/core/config';
import { startConsoleService, type ConsoleService } from '../../electron/core/console-service';
import type { Hub } from '../../hub/hub-server';

const RESOURCES = path.resolve(__dirname, '../../resources');

export async function startChairConsole(hub: Hub, clock: () => number): Promise<ConsoleService> {
  const svc = await startConsoleService({
    config: readConfig({ LIANDONG_HUB_URL: hub.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token }, { dataDir: '/nonexistent' }),
    resourcesDir: RESOURCES,
    host: 'webhost',
    version: 'test',
    clock,
    storeFile: ':memory:',
  });
  await svc.sync.whenCursorAtLeast(hub.store.head);
  return svc;
}
