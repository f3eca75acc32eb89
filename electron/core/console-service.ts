/**
 * The console service: the store, the sync from a hub, the outbox and the contract's implementation —
 * the one backend that both shells host (Electron's main process and the standalone web host).
 * Node only; never imports electron. Transports attach with `server.connect(...)`.
 * With no hub configured it starts the embedded demo hub and syncs from it like from any hub.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openReader, openStore, type Store } from '../../db/open';
import { CHECKER_CACHE_KIB } from '../../db/sqlite3-dialect';
import { liandongContract, type DisplayInfo, type LiandongContract, type WallSettings } from '../../shared/contract';
import { combineHandlers, createRpcServer, type RpcServer } from '../../shared/rpc/server';
import type { ConsoleConfig } from './config';
import { startEmbeddedHub, type EmbeddedHub } from './embedded-hub';
import { SupervisionService } from './supervision/supervision-service';
import { supervisionHandlers } from './handlers/supervision';
import { actionHandlers } from './handlers/actions';
import { appHandlers } from './handlers/app';
import { kpiHandlers } from './handlers/kpi';
import { mapHandlers } from './handlers/map';
import { readWallSettings, settingsHandlers } from './handlers/settings';
import { previewSettings } from './settings-preview';
import { warningHandlers } from './handlers/warnings';
import { meetingHandlers } from './handlers/meetings';
import { routingHandlers } from './handlers/routing';
import { MeetingService } from './meetings/meeting-service';
import { LiveLinkRelay } from './meetings/live-link-relay';
import { mediaMoment, NO_MEDIA, type MediaMoment } from './meetings/media-moment';
import { liveLinkHandlers } from './handlers/live-links';
import { EscalationService } from './escalation/escalation-service';
import { WarningService } from './warnings/warning-service';
import { MapService } from './map/map-service';
import { syncHandlers } from './handlers/sync';
import { ticketHandlers } from './handlers/tickets';
import { HubLink, type HubLinkOptions } from './sync/hub-link';
import { recordingConsoleChanges } from './console-changes';
import { mayCall } from '../../shared/contract/access';
import { auditHandlers } from './handlers/audit';
import { importHandlers } from './handlers/imports';
import { ImportHub } from './imports/import-hub';
import { UploadStore } from './imports/uploads';
import { Outbox } from './sync/outbox';
import type { RetryPolicy } from './sync/retry';
import { SyncEngine } from './sync/sync-engine';
import { SyncStatusHolder, initialSyncStatus } from './sync-status';
import { TicketService } from './ticket-service';
import { subDistrictName } from '../../shared/domain/divisions';
import { ReportService } from './reports/report-service';
import { reportHandlers } from './handlers/reports';
import { PeriodicCheck } from './periodic-check';

/** The station the start-up lines give a command for (新城桥街道); 设置 gives every station's. */
const EXAMPLE_STATION = '320613004';

export type ConsoleServiceOptions = {
  config: ConsoleConfig;
  /** Folder holding demo/ and map/ (the repo's resources/ in development, the app's resources when packaged). */
  resourcesDir: string;
  host: 'electron' | 'webhost';
  version: string;
  clock?: () => number;
  log?: (line: string) => void;
  /** ':memory:' for tests; default <dataDir>/liandong-<hub>.sqlite. */
  storeFile?: string;
  /** Tests: faster retries and reconnects. */
  retry?: RetryPolicy;
  link?: Partial<HubLinkOptions>;
  pageSize?: number;
  /** The shell's displays (Electron); the web host has none. */
  displays?: () => DisplayInfo[];
  /** Tests of other features turn the chair's automatic escalation off (it would add actions of its own). */
  autoEscalation?: boolean;
  /** The wall's settings changed (the Electron shell moves its window, the screens follow the event). */
  onWallSettings?: (s: WallSettings) => void;
  /** When the camera and microphone may be used (the Electron shell's permission handler asks this). */
  onMediaMoment?: (m: MediaMoment) => void;
};

export type ConsoleService = {
  server: RpcServer<LiandongContract>;
  store: Store;
  tickets: TicketService;
  syncStatus: SyncStatusHolder;
  sync: SyncEngine;
  outbox: Outbox;
  link: HubLink;
  /** The embedded demo hub, when no hub is configured. */
  embedded: EmbeddedHub | undefined;
  warnings: WarningService;
  meetings: MeetingService;
  /** The chair's automatic escalation (none in the station role). */
  escalation: EscalationService | undefined;
  close(): Promise<void>;
};

/** One store per hub, so a console pointed at another hub never mixes their tickets. */
export function storeFileFor(dataDir: string, hubUrl: string | null, role: string, stationCode: string | null): string {
  const who = role === 'station' ? `-station-${stationCode}` : '';
  if (!hubUrl) return path.join(dataDir, `liandong-demo${who}.sqlite`);
  return path.join(dataDir, `liandong-${createHash('sha256').update(hubUrl).digest('hex').slice(0, 12)}${who}.sqlite`);
}

export async function startConsoleService(opts: ConsoleServiceOptions): Promise<ConsoleService> {
  const { config } = opts;
  const clock = opts.clock ?? Date.now;
  const startedAt = clock();
  const log = opts.log ?? (() => {});
  const inMemory = opts.storeFile === ':memory:';
  if (!inMemory) {
    // The data folder holds citizens' data and the tokens' stores: its user's alone, whatever the umask.
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    await chmod(config.dataDir, 0o700);
  }

  const embedded = config.hubUrl
    ? undefined
    : await startEmbeddedHub({
        filename: inMemory ? ':memory:' : path.join(config.dataDir, 'demo-hub.sqlite'),
        resourcesDir: opts.resourcesDir,
        dataDir: inMemory ? null : config.dataDir,
        clock,
        ticketsPerMinute: config.demoRate,
        log,
      });
  if (embedded && !inMemory) {
    // So a station console can be tried on this PC (设置 → 本机中心 shows the same).
    log(`embedded hub: ${embedded.url} (loopback: station consoles on this PC may connect)`);
    log(`station console for ${subDistrictName(EXAMPLE_STATION)}: ${embedded.stationCommand(EXAMPLE_STATION)}`);
  }
  const hubUrl = config.hubUrl ?? embedded!.url;
  const hubToken = config.hubToken ?? embedded!.tokenFor(config.role, config.stationCode);

  const file = opts.storeFile ?? storeFileFor(config.dataDir, config.hubUrl, config.role, config.stationCode);
  const storeOptions = { filename: file, onSlowQuery: (sql: string, ms: number) => log(`slow query ${ms.toFixed(0)} ms: ${sql.slice(0, 160)}`) };
  const store = await openStore(storeOptions);
  // The screens' reads (lists, counts, map, KPIs) on their own connection, so the sync never waits for them;
  // the background checks (early warnings, escalation: long scans) on another, so the screens do not either.
  const reader = await openReader(store, storeOptions);
  const checker = await openReader(store, { ...storeOptions, cacheKib: CHECKER_CACHE_KIB });

  const tickets = new TicketService(store, clock, reader);
  const syncStatus = new SyncStatusHolder(initialSyncStatus({ source: embedded ? 'demo' : 'hub', hubUrl: config.hubUrl }), clock);
  const link = new HubLink({ url: hubUrl, token: hubToken, tls: config.hubTls, ...opts.link });
  const sync = new SyncEngine({ store, tickets, status: syncStatus, link, clock, retry: opts.retry, log, pageSize: opts.pageSize });

  // Files chosen for an import, on their way to the hub (temporary; what a previous run left is removed).
  const uploads = new UploadStore(path.join(config.dataDir, 'import-uploads'));
  await uploads.start();

  let server: RpcServer<LiandongContract> | undefined;
  const outbox = new Outbox({
    store,
    link,
    clock,
    retry: opts.retry,
    log,
    onChanged: (items, pending) => {
      syncStatus.update({ pendingActions: pending });
      server?.publish('actions.changed', { items });
    },
  });

  const warnings = new WarningService({
    store,
    reader: checker,
    outbox,
    clock,
    rule: async () => (await readWallSettings(store)).warningRule,
    onChanged: (active) => server?.publish('warnings.changed', { active }),
    log,
  });

  // Automatic escalation is the command centre's: a station's console leaves it to the chair.
  const escalation = config.role === 'console' && opts.autoEscalation !== false ? new EscalationService({ store, reader: checker, outbox, clock, rules: async () => (await readWallSettings(store)).escalationRules, log }) : undefined;
  let moment: MediaMoment = NO_MEDIA;
  const meetings: MeetingService = new MeetingService({
    store,
    link,
    outbox,
    clock,
    onChanged: (m) => {
      // The shell hears the moment before the screens hear the meeting (a screen asks for the microphone on it).
      const next = mediaMoment(meetings.followed(), config.role, config.stationCode);
      if (next.camera !== moment.camera || next.microphone !== moment.microphone) opts.onMediaMoment?.((moment = next));
      server?.publish('meetings.changed', m);
    },
    minutesDir: path.join(config.dataDir, 'minutes'),
    log,
  });
  const reports = new ReportService({ store, reader: checker, clock, dir: path.join(config.dataDir, 'reports'), onChanged: (id) => server?.publish('reports.changed', { id }), log });
  // The 日报 and 月报 are the command centre's; a station's console makes reports on demand.
  const reportSchedule = config.role === 'console' ? new PeriodicCheck(() => reports.runSchedule().catch((e: unknown) => (log(`report schedule: ${e instanceof Error ? e.message : String(e)}`), [])), 60_000, []) : undefined;
  const supervision = new SupervisionService({ store, reader, link, outbox, clock, lettersDir: path.join(config.dataDir, 'letters'), onChanged: () => server?.publish('supervision.changed', {}), log });
  const liveLinks = new LiveLinkRelay({ link, meetings, publish: (push, to) => server?.publish('links.signal', push, to), hubUrl, log });

  server = createRpcServer(
    liandongContract,
    recordingConsoleChanges(combineHandlers(
      appHandlers(
        { version: opts.version, role: config.role, stationCode: config.stationCode, host: opts.host },
        clock,
        { startedAt, storeFile: inMemory ? null : file, peers: () => server?.peerCount ?? 0 },
        embedded && !inMemory && config.role === 'console' ? embedded : undefined,
      ),
      ticketHandlers(tickets),
      syncHandlers(syncStatus, store),
      actionHandlers(outbox),
      kpiHandlers(reader, clock),
      settingsHandlers(store, clock, (s) => (server?.publish('settings.wallChanged', s), opts.onWallSettings?.(s), void warnings.check()), opts.displays ?? (() => []), (current, next) => previewSettings({ store, reader: checker, now: clock(), current, next }), outbox, checker),
      warningHandlers(warnings),
      meetingHandlers(meetings, config.role === 'station' ? config.stationCode : null),
      liveLinkHandlers(liveLinks),
      auditHandlers(link),
      importHandlers({ hub: new ImportHub(link), uploads, role: config.role, log }),
      routingHandlers(store, clock, (rules) => server?.publish('routing.changed', { rules })),
      reportHandlers(reports),
      supervisionHandlers(supervision),
      mapHandlers(new MapService(store, opts.resourcesDir, clock, (info) => server?.publish('map.packChanged', info), reader)),
    ), store, (change) => outbox.submit(change), log),
    { onInternalError: (method, e) => log(`internal error in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`), mayCall },
  );
  const offTickets = tickets.onChanged((a) => {
    if (a.kind === 'tickets') server!.publish('tickets.changed', { tickets: a.tickets });
    else server!.publish('tickets.refetch', {});
    warnings.ticketsChanged();
  });
  const offStatus = syncStatus.onChanged((s) => server!.publish('sync.statusChanged', s));

  syncStatus.update({ pendingActions: await outbox.pendingCount() });
  await sync.start();
  warnings.start();
  escalation?.start();
  reportSchedule?.start(30_000);

  return {
    server,
    store,
    tickets,
    syncStatus,
    sync,
    outbox,
    link,
    embedded,
    warnings,
    meetings,
    escalation,
    async close() {
      await uploads.close();
      liveLinks.close();
      await meetings.close();
      await reportSchedule?.stop();
      await supervision.stop();
      await escalation?.stop();
      await warnings.stop();
      outbox.stop();
      await sync.stop();
      link.close();
      offTickets();
      offStatus();
      for (const r of new Set([reader, checker])) if (r !== store) await r.destroy();
      await store.destroy();
      await embedded?.close();
    },
  };
}
