/**
 * A hub and a console store wired by the real sync engine and outbox, for tests of sync behaviour.
 * `wrap` lets a test stand between the console and the hub (drop pushes, fail calls, lose answers).
 */
import type { PageChecker } from '../../electron/core/sync/page-checker';
import { generateTokens } from '../../hub/auth';
import { startHub, type Hub } from '../../hub/hub-server';
import { openStore, type Store } from '../../db/open';
import { SyncStatusHolder, initialSyncStatus } from '../../electron/core/sync-status';
import { TicketService } from '../../electron/core/ticket-service';
import { HubLink, type HubConnection, type HubLinkOptions, type PageBody } from '../../electron/core/sync/hub-link';
import { Outbox } from '../../electron/core/sync/outbox';
import { SyncEngine } from '../../electron/core/sync/sync-engine';
import type { OutboxItem } from '../../shared/contract';

export const FAST_RETRY = { baseMs: 5, maxMs: 50 };

export type Rig = {
  hub: Hub;
  store: Store;
  link: HubLink;
  status: SyncStatusHolder;
  tickets: TicketService;
  engine: SyncEngine;
  outbox: Outbox;
  outboxEvents: OutboxItem[][];
  stop(): Promise<void>;
};

export async function startHubOnly(): Promise<Hub> {
  return startHub({ filename: ':memory:', tokens: generateTokens() });
}

export async function startRig(opts: {
  hub?: Hub;
  storeFile?: string;
  pageSize?: number;
  bulkRows?: number;
  bulkLoadFrom?: number;
  role?: 'chair' | 'station' | 'viewer';
  stationCode?: string;
  wrap?: (link: HubLink) => HubConnection;
  checker?: PageChecker;
  start?: boolean;
  /** The engine's clock (tests of what depends on time passing). */
  clock?: () => number;
  /** The link's own options (a URL through a proxy, TLS material). */
  link?: Partial<HubLinkOptions>;
} = {}): Promise<Rig> {
  const hub = opts.hub ?? (await startHubOnly());
  const store = await openStore({ filename: opts.storeFile ?? ':memory:' });
  const entry = hub.tokens.byRole(opts.role ?? 'chair', opts.stationCode ?? null)!;
  const link = new HubLink({ url: hub.url, token: entry.token, reconnectDelayMs: 20, reconnectDelayMaxMs: 100, actTimeoutMs: 2000, ...opts.link });
  const conn = opts.wrap ? opts.wrap(link) : link;
  const status = new SyncStatusHolder(initialSyncStatus({ hubUrl: hub.url }));
  const tickets = new TicketService(store);
  const engine = new SyncEngine({ store, tickets, status, link: conn, retry: FAST_RETRY, pageSize: opts.pageSize ?? 500, bulkRows: opts.bulkRows, bulkLoadFrom: opts.bulkLoadFrom, checker: opts.checker, clock: opts.clock });
  const outboxEvents: OutboxItem[][] = [];
  const outbox = new Outbox({ store, link: conn, retry: FAST_RETRY, onChanged: (items, pending) => (outboxEvents.push(items), status.update({ pendingActions: pending })) });
  if (opts.start !== false) await engine.start();
  return {
    hub,
    store,
    link,
    status,
    tickets,
    engine,
    outbox,
    outboxEvents,
    async stop() {
      outbox.stop();
      await engine.stop();
      link.close();
      await store.destroy();
      if (!opts.hub) await hub.close();
    },
  };
}

/** A connection that passes everything through, with hooks to interfere. */
export function interfere(link: HubLink, hooks: { change?: (raw: unknown) => boolean; pull?: (after: number, limit: number, real: () => Promise<PageBody>) => Promise<PageBody>; act?: (action: unknown, real: () => Promise<unknown>) => Promise<unknown> }): HubConnection {
  return {
    get connected() {
      return link.connected;
    },
    on: ((event: 'change' | 'connect' | 'disconnect', l: (x?: unknown) => void) =>
      event === 'change' ? link.on('change', (raw) => (hooks.change?.(raw) ?? true) && l(raw)) : link.on(event as 'connect', l as () => void)) as HubConnection['on'],
    connect: () => link.connect(),
    pull: (after, limit) => (hooks.pull ? hooks.pull(after, limit, () => link.pull(after, limit)) : link.pull(after, limit)),
    act: (action) => (hooks.act ? hooks.act(action, () => link.act(action)) : link.act(action)),
  };
}

/** Wait for the next status update that satisfies `pred` (or the current one). */
export function statusWhere(status: SyncStatusHolder, pred: (s: ReturnType<SyncStatusHolder['get']>) => boolean): Promise<ReturnType<SyncStatusHolder['get']>> {
  if (pred(status.get())) return Promise.resolve(status.get());
  return new Promise((resolve) => {
    const off = status.onChanged((s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}
