/**
 * The console service: the store, the services over it and the contract's implementation — the one
 * backend that both shells host (Electron's main process and the standalone web host).
 * Node only; never imports electron. Transports attach with `server.connect(...)`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openStore, type Store } from '../../db/open';
import { liandongContract, type LiandongContract } from '../../shared/contract';
import { combineHandlers, createRpcServer, type RpcServer } from '../../shared/rpc/server';
import type { ConsoleConfig } from './config';
import { seedDemoIfNew } from './demo-seed';
import { appHandlers } from './handlers/app';
import { syncHandlers } from './handlers/sync';
import { ticketHandlers } from './handlers/tickets';
import { SyncStatusHolder } from './sync-status';
import { TicketService } from './ticket-service';

export type ConsoleServiceOptions = {
  config: ConsoleConfig;
  /** Folder holding demo/ and map/ (the repo's resources/ in development, the app's resources when packaged). */
  resourcesDir: string;
  host: 'electron' | 'webhost';
  version: string;
  clock?: () => number;
  log?: (line: string) => void;
  /** ':memory:' for tests; default <dataDir>/liandong.sqlite. */
  storeFile?: string;
};

export type ConsoleService = {
  server: RpcServer<LiandongContract>;
  store: Store;
  tickets: TicketService;
  syncStatus: SyncStatusHolder;
  close(): Promise<void>;
};

export async function startConsoleService(opts: ConsoleServiceOptions): Promise<ConsoleService> {
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? (() => {});
  const file = opts.storeFile ?? path.join(opts.config.dataDir, 'liandong.sqlite');
  if (file !== ':memory:') await mkdir(path.dirname(file), { recursive: true });
  const store = await openStore({ filename: file, onSlowQuery: (sql, ms) => log(`slow query ${ms.toFixed(0)} ms: ${sql.slice(0, 160)}`) });

  const tickets = new TicketService(store, clock);
  const syncStatus = new SyncStatusHolder({
    source: opts.config.hubUrl ? 'hub' : 'demo',
    connection: opts.config.hubUrl ? 'connecting' : 'online',
    hubUrl: opts.config.hubUrl,
    lastSyncAt: null,
    lagMs: null,
    pendingActions: 0,
  });

  const server = createRpcServer(
    liandongContract,
    combineHandlers(
      appHandlers({ version: opts.version, role: opts.config.role, stationCode: opts.config.stationCode, host: opts.host }, clock),
      ticketHandlers(tickets),
      syncHandlers(syncStatus),
    ),
    { onInternalError: (method, e) => log(`internal error in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) },
  );
  const offTickets = tickets.onChanged((changed) => server.publish('tickets.changed', { tickets: changed }));
  const offStatus = syncStatus.onChanged((s) => server.publish('sync.statusChanged', s));

  if (!opts.config.hubUrl) {
    const seeded = await seedDemoIfNew(store, tickets, opts.resourcesDir, clock());
    if (seeded) log(`seeded ${seeded} demo tickets`);
    syncStatus.update({ lastSyncAt: clock() });
  }

  return {
    server,
    store,
    tickets,
    syncStatus,
    async close() {
      offTickets();
      offStatus();
      await store.destroy();
    },
  };
}
