/**
 * Keeps the console's store equal to the hub's feed.
 * - Pull: pages of the change feed, each applied atomically together with the cursor (no reader ever
 *   sees half a batch; a crash at any point resumes from the last committed page).
 * - Push: live changes applied when they follow the cursor (prevSeq ≤ cursor < seq); a gap triggers a pull.
 * - What cannot be applied is quarantined with its reason, and the sync carries on.
 * All store writes of the sync go through one serial chain.
 */
import type { Store } from '../../../db/open';
import { quarantine, type QuarantineEntry } from '../../../db/queries/quarantine';
import { readSyncState, writeSyncState } from '../../../db/queries/sync-state';
import type { ChangePush } from '../../../shared/hub-protocol';
import type { Ticket, TicketRecord } from '../../../shared/domain/ticket';
import type { SyncStatusHolder } from '../sync-status';
import { BULK_BATCH, type TicketService } from '../ticket-service';
import { checkPush, peekPageEnd, PageRefusedError, type PageForWrite } from './change-batch';
import { workerChecker, type PageChecker } from './page-checker';
import type { TicketPageWrite } from '../../../db/queries/tickets';
import { HubRefusedError, HubUnreachableError, type HubConnection, type PageBody } from './hub-link';
import { restoreTicketIndexes, setAsideIndexCount, setTicketIndexesAside, largestTicketRowid } from '../../../db/queries/ticket-indexes';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './retry';

export const CURSOR_KEY = 'hub.lastSeq';

/** A pull that brings at least this many changes, and at least as many as the store holds tickets (a first sync, a
 * console far behind), is a bulk load: most of the tickets' indexes are set aside while it writes and built again
 * in its last transaction (db/queries/ticket-indexes.ts). */
export const BULK_LOAD_FROM = 100_000;

export type SyncEngineOptions = {
  store: Store;
  tickets: TicketService;
  status: SyncStatusHolder;
  link: HubConnection;
  clock?: () => number;
  pageSize?: number;
  retry?: RetryPolicy;
  log?: (line: string) => void;
  /** Records gathered from several pages into one transaction during a pull (default 100,000)… */
  bulkRows?: number;
  /** …or as many as arrive in this long (default 5 s) — what the screens see of a long pull moves at least this often. */
  bulkMs?: number;
  /** Where pages are parsed and validated (default: a worker thread of the engine's own, closed when it stops;
   * one given here stays open). */
  checker?: PageChecker;
  /** From how many changes a pull is a bulk load (default BULK_LOAD_FROM). */
  bulkLoadFrom?: number;
  /** Called after each applied batch with the new cursor (tests and benchmarks watch progress). */
  onApplied?: (lastSeq: number, count: number) => void;
};

/** Pages gathered for one transaction of a pull. */
type PullBatch = {
  pages: TicketPageWrite[];
  /** Changes stored by the batch. */
  count: number;
  /** Their tickets, while few enough to announce one by one (a bulk batch is announced as "refetch"). */
  tickets: Ticket[] | null;
  quarantined: QuarantineEntry[];
  lastSeq: number;
  /** When its first page arrived (a batch is written after at most bulkMs of gathering). */
  since: number | null;
};

export class SyncEngine {
  private lastSeq = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private pushes: ChangePush[] = [];
  private pulling = false;
  private pullAgain = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private flushScheduled = false;
  private stopped = false;
  private quarantinedCount = 0;
  private readonly clock: () => number;
  private readonly offs: (() => void)[] = [];

  private readonly checker: PageChecker;
  /** Are the tickets' indexes set aside (by a bulk load not yet ended)? */
  private indexesAside = false;

  constructor(private readonly o: SyncEngineOptions) {
    this.clock = o.clock ?? Date.now;
    this.checker = o.checker ?? workerChecker(o.log);
  }

  private waiters: { seq: number; resolve: () => void }[] = [];

  get cursor(): number {
    return this.lastSeq;
  }

  /** Resolves once the store has applied the feed up to `seq` (tests, benchmarks, start-up). */
  whenCursorAtLeast(seq: number): Promise<void> {
    if (this.lastSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  async start(): Promise<void> {
    this.lastSeq = Number((await readSyncState(this.o.store, CURSOR_KEY)) ?? 0);
    const { n } = await this.o.store.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    this.quarantinedCount = Number(n);
    this.indexesAside = (await setAsideIndexCount(this.o.store)) > 0;
    this.o.status.update({ lastSeq: this.lastSeq, quarantined: this.quarantinedCount, connection: 'connecting' });
    this.offs.push(
      this.o.link.on('connect', () => {
        this.o.log?.('hub connected');
        this.requestPull();
      }),
      this.o.link.on('disconnect', (why, problem) => {
        if (!this.stopped) this.o.status.update({ connection: 'offline', lastError: `与枢纽断开 (disconnected: ${why})`, ...(problem ? { linkProblem: problem } : {}) });
      }),
      this.o.link.on('change', (raw) => this.onPush(raw)),
    );
    this.checker.warm();
    this.o.link.connect();
    this.requestPull();
  }

  /** Wait until everything received so far is applied (tests). */
  async idle(): Promise<void> {
    for (;;) {
      const c = this.chain;
      await c;
      if (c === this.chain && !this.pulling && !this.flushScheduled) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.offs.forEach((off) => off());
    await this.chain;
    if (!this.o.checker) await this.checker.close();
  }

  /** Add a step to the serial chain; a failing step never breaks the chain (it is logged, and a pull repairs). */
  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((e) => {
      this.o.log?.(`sync step failed: ${e instanceof Error ? e.message : String(e)}`);
      this.o.status.update({ lastError: e instanceof Error ? e.message : String(e) });
      if (!this.stopped) this.retryTimer = setTimeout(() => this.requestPull(), backoffMs(this.failures++, this.o.retry ?? DEFAULT_RETRY));
    });
  }

  requestPull(): void {
    if (this.stopped) return;
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.pulling = true;
    this.enqueue(() => this.pullLoop());
  }

  private async pullLoop(): Promise<void> {
    const pageSize = this.o.pageSize ?? 5000;
    try {
      do {
        this.pullAgain = false;
        const startSeq = this.lastSeq;
        // The stages overlap: batch N is written (on SQLite's thread) while page M is parsed and checked (on the
        // checker's thread); page M+1 is on its way meanwhile when the store is idle (see `ahead` below).
        const fetchPage = (after: number): Promise<{ body: PageBody; after: number }> => this.o.link.pull(after, pageSize).then((body) => ({ body, after }));
        let next: Promise<{ body: PageBody; after: number }> | undefined = fetchPage(this.lastSeq);
        // While the store is busy writing, pages are gathered into larger transactions (up to bulkRows, or bulkMs
        // of arrivals): SQLite's cost is per commit (WAL frames, checkpoints): one commit per 2,000 rows runs at
        // less than half the speed of one per 25,000, and at a million tickets one per 100,000 writes a row in
        // 39 µs against 48 µs. When the store is idle, what has arrived is written at once (a pull starts writing
        // with its first page; a slow link never waits for a full batch). Each transaction carries its cursor, so
        // a crash resumes from the last commit and no reader sees half a batch.
        const newBatch = (lastSeq: number): PullBatch => ({ pages: [], count: 0, tickets: [], quarantined: [], lastSeq, since: null });
        let batch = newBatch(this.lastSeq);
        let writing: Promise<void> = Promise.resolve();
        let storeBusy = false;
        // Decided on the first page (its headSeq says how much is coming); the first write sets the indexes aside.
        let bulkLoad: 'undecided' | 'no' | 'starting' | 'on' = 'undecided';
        const write = (b: PullBatch, hasMore: boolean, newestChangedAt: number | null) => {
          storeBusy = true;
          const setAside = bulkLoad === 'starting';
          if (setAside) bulkLoad = 'on';
          writing = writing.then(async () => {
            // The last write of a pull builds again any indexes set aside (this pull's, or a stopped one's).
            await this.applyPages(b, setAside, !hasMore).finally(() => (storeBusy = false));
            const behind = hasMore && newestChangedAt !== null ? Math.max(0, this.clock() - newestChangedAt) : 0;
            // Progress follows arriving pages (set below); the last write of a pull clears it.
            this.o.status.update(hasMore ? { lagMs: behind } : { lagMs: behind, progress: null });
          });
          writing.catch(() => {}); // observed when awaited below
        };
        while (next) {
          if (this.stopped) return;
          let page: PageForWrite;
          let body: PageBody;
          try {
            const fetched = await next;
            const end = peekPageEnd(fetched.body);
            // The next page is asked for before this one is checked only while the store is idle (waiting for
            // pages). While it writes, the store is the slowest stage: fetching and checking one after the other
            // still keep up with it, and they do not take a core from it (on 2 cores, a hub on the same machine
            // serving while the checker parses left the store's thread runnable but not running: a 1,000,000-ticket
            // pull from a local hub took 38–39 s overlapped against 35–37 s this way).
            const ahead = !storeBusy;
            next = end?.hasMore && ahead ? fetchPage(end.lastSeq) : undefined;
            next?.catch(() => {}); // a failure surfaces when awaited
            ({ page, body } = await this.checker.check(fetched.body, fetched.after, BULK_BATCH));
            if (end && (end.lastSeq !== page.lastSeq || end.hasMore !== page.hasMore)) throw new PageRefusedError(`hub's page envelope is inconsistent (its end says lastSeq ${end.lastSeq}, its body ${page.lastSeq})`);
            if (!next && page.hasMore) next = fetchPage(page.lastSeq);
            if (bulkLoad === 'undecided') {
              const coming = page.headSeq - startSeq;
              bulkLoad = page.hasMore && coming >= (this.o.bulkLoadFrom ?? BULK_LOAD_FROM) && coming >= (await largestTicketRowid(this.o.store)) ? 'starting' : 'no';
              if (bulkLoad === 'starting') this.o.log?.(`bulk load of ${coming} changes: the tickets' indexes are set aside until its last write`);
            }
          } catch (e) {
            // Keep what arrived before the failure: on a flaky link a pull still makes progress.
            if (batch.lastSeq > this.lastSeq) write(batch, false, null);
            await writing;
            throw e;
          }
          if (page.accepted.rows) batch.pages.push({ json: body, accepted: page.accepted, sums: page.sums });
          batch.count += page.accepted.rows;
          // Tickets are kept only while few enough to announce one by one (the text is what is stored).
          batch.tickets = batch.tickets && page.tickets && batch.count <= BULK_BATCH ? batch.tickets.concat(page.tickets) : null;
          batch.quarantined.push(...page.quarantined);
          batch.lastSeq = page.lastSeq;
          batch.since ??= this.clock();
          // Progress follows what has arrived (the write may still be gathering pages).
          if (page.hasMore) this.o.status.update({ progress: { done: page.lastSeq - startSeq, total: Math.max(1, page.headSeq - startSeq) } });
          const full = batch.count >= (this.o.bulkRows ?? 100_000) || this.clock() - batch.since >= (this.o.bulkMs ?? 5000);
          if (page.hasMore && !full && storeBusy) continue;
          await writing; // at most one batch waits to be written
          write(batch, page.hasMore, page.newestChangedAt);
          batch = newBatch(batch.lastSeq);
        }
        await writing;
      } while (this.pullAgain && !this.stopped);
      this.failures = 0;
      this.o.status.update({ connection: this.o.link.connected ? 'online' : 'offline', lastSyncAt: this.clock(), lastError: null, linkProblem: null, progress: null });
      this.pulling = false;
      this.scheduleFlush();
    } catch (e) {
      // A pull that failed part-way does not leave the screens without the tickets' indexes until the next one ends.
      if (this.indexesAside) await this.restoreIndexes();
      this.pulling = false;
      this.pushes = []; // the next pull covers them
      const delay = backoffMs(this.failures++, this.o.retry ?? DEFAULT_RETRY);
      const message = e instanceof Error ? e.message : String(e);
      this.o.log?.(`pull failed (retry in ${delay} ms): ${message}`);
      // A certificate or token problem is shown as what it is until a pull succeeds (someone must act on it).
      const linkProblem = e instanceof HubUnreachableError || e instanceof HubRefusedError ? e.problem : null;
      this.o.status.update({ connection: this.o.link.connected ? 'connecting' : 'offline', lastError: message, linkProblem, progress: null });
      if (!this.stopped) this.retryTimer = setTimeout(() => this.requestPull(), delay);
    }
  }

  private onPush(raw: unknown): void {
    if (this.stopped) return;
    const checked = checkPush(raw);
    if (!checked.ok) {
      this.enqueue(() => this.apply([], [checked.entry], this.lastSeq));
      return;
    }
    this.pushes.push(checked.push);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.pushes.length) return;
    this.flushScheduled = true;
    // Coalesce the pushes of one turn of the event loop into one transaction.
    setImmediate(() => this.enqueue(() => this.flush()));
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.pulling || this.stopped) return; // the pull ends by flushing what is left
    const pushes = this.pushes.sort((a, b) => a.seq - b.seq);
    this.pushes = [];
    const records = new Map<string, TicketRecord>();
    let cursor = this.lastSeq;
    let newest: number | null = null;
    for (const p of pushes) {
      if (p.seq <= cursor) continue; // already have it (a repeat, or covered by a pull)
      if (p.prevSeq > cursor) {
        this.o.log?.(`gap in pushes (cursor ${cursor}, next push follows ${p.prevSeq}): pulling`);
        this.requestPull();
        break;
      }
      records.set(p.ticket.ticketNo, { ticket: p.ticket, timeline: p.timeline });
      cursor = p.seq;
      newest = p.changedAt;
    }
    if (cursor > this.lastSeq) {
      await this.apply([...records.values()], [], cursor);
      this.o.status.update({ lastSyncAt: this.clock(), lagMs: newest === null ? 0 : Math.max(0, this.clock() - newest), connection: 'online', lastError: null });
    }
  }

  /** One transaction: tickets, quarantine and cursor together (pushes). */
  private async apply(records: TicketRecord[], quarantined: QuarantineEntry[], lastSeq: number): Promise<void> {
    if (!records.length && !quarantined.length && lastSeq === this.lastSeq) return;
    const now = this.clock();
    await this.o.tickets.ingest(records, (trx) => this.alsoRecord(trx, quarantined, lastSeq, now));
    this.applied(records.length, quarantined, lastSeq, now);
  }

  /** The same for a batch of pulled pages, written from the hub's JSON text; the first of a bulk load sets the
   * tickets' indexes aside before its rows, the last of a pull builds any set aside after them. */
  private async applyPages(b: PullBatch, setAside: boolean, last: boolean): Promise<void> {
    const restore = last && (setAside || this.indexesAside);
    if (!b.count && !b.quarantined.length && b.lastSeq === this.lastSeq && !restore) return;
    const now = this.clock();
    // While the indexes are set aside the screens are not told to refetch after each write (without those indexes
    // their lists and counts scan the whole table, and on 2 cores a wall refreshing once a second made a first sync
    // of 300,000 tickets take 20.6 s instead of 17–18 s); the last write tells them once.
    const loading = (this.indexesAside || setAside) && !restore;
    const announce = restore ? [] : loading || !b.count ? null : (b.tickets ?? []);
    await this.o.tickets.ingestPages(
      b.pages,
      announce,
      async (trx) => {
        await this.alsoRecord(trx, b.quarantined, b.lastSeq, now);
        if (restore) await restoreTicketIndexes(trx);
      },
      setAside ? (trx) => setTicketIndexesAside(trx).then(() => {}) : undefined,
    );
    if (setAside) this.indexesAside = true;
    if (restore) this.indexesAside = false;
    this.applied(b.count, b.quarantined, b.lastSeq, now);
  }

  /** Build the indexes set aside, outside a pull's writes (one that failed); the screens then refetch. */
  private async restoreIndexes(): Promise<void> {
    try {
      await this.o.tickets.ingestPages([], [], (trx) => restoreTicketIndexes(trx).then(() => {}));
      this.indexesAside = false;
    } catch (e) {
      this.o.log?.(`could not build the tickets' indexes again (they are built when the store is next opened): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async alsoRecord(trx: Store, quarantined: QuarantineEntry[], lastSeq: number, now: number): Promise<void> {
    await quarantine(trx, quarantined, now);
    if (lastSeq !== this.lastSeq) await writeSyncState(trx, CURSOR_KEY, String(lastSeq));
  }

  private applied(count: number, quarantined: QuarantineEntry[], lastSeq: number, now: number): void {
    this.lastSeq = lastSeq;
    if (quarantined.length) {
      this.quarantinedCount += quarantined.length;
      this.o.log?.(`quarantined ${quarantined.length}: ${quarantined[0]!.reason}`);
    }
    this.o.status.update({ lastSeq, quarantined: this.quarantinedCount, lastSyncAt: now });
    this.o.onApplied?.(lastSeq, count);
    const ready = this.waiters.filter((w) => w.seq <= lastSeq);
    this.waiters = this.waiters.filter((w) => w.seq > lastSeq);
    ready.forEach((w) => w.resolve());
  }
}
