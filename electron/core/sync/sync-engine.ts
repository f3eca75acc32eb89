/**
 * Keeps the console's store equal to the hub's feed.
 * - Pull: the pages of the change feed from the cursor to the head (page-source.ts), written in batches
 *   (batch-writer.ts), each atomically together with the cursor (no reader ever sees half a batch; a crash at any
 *   point resumes from the last committed batch); a big pull writes in the store's bulk-load mode
 *   (bulk-load-mode.ts).
 * - Push: live changes applied when they follow the cursor (prevSeq ≤ cursor < seq); a gap asks for a pull.
 * - What cannot be applied is quarantined with its reason, and the sync carries on.
 * All the sync's store writes happen in one task that never overlaps itself (OneAtATime): pulls first, then the
 * pushes that arrived meanwhile.
 */
import type { Store } from '../../../db/open';
import { quarantine, type QuarantineEntry } from '../../../db/queries/quarantine';
import { readSyncState, writeSyncState } from '../../../db/queries/sync-state';
import type { ChangePush } from '../../../shared/hub-protocol';
import type { TicketRecord } from '../../../shared/domain/ticket';
import { OneAtATime } from '../../../shared/one-at-a-time';
import type { SyncStatusHolder } from '../sync-status';
import { announcementOf, type TicketService } from '../ticket-service';
import { BatchWriter, type BatchLimits, type PullBatch } from './batch-writer';
import { BulkLoadMode } from './bulk-load-mode';
import { checkPush } from './change-batch';
import { HubRefusedError, HubUnreachableError, type HubConnection } from './hub-link';
import { workerChecker, type PageChecker } from './page-checker';
import { PageSource } from './page-source';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './retry';
import { BULK_LOAD_FROM, PAGE_SIZE, WRITE_MS, WRITE_ROWS } from './sizes';

export const CURSOR_KEY = 'hub.lastSeq';

export type SyncEngineOptions = {
  store: Store;
  tickets: TicketService;
  status: SyncStatusHolder;
  link: HubConnection;
  clock?: () => number;
  pageSize?: number;
  retry?: RetryPolicy;
  log?: (line: string) => void;
  /** A pull's batches: at most this many changes (default WRITE_ROWS)… */
  bulkRows?: number;
  /** …or as many as arrive in this long (default WRITE_MS). */
  bulkMs?: number;
  /** Where pages are parsed and validated (default: a worker thread of the engine's own, closed when it stops;
   * one given here stays open). */
  checker?: PageChecker;
  /** From how many changes a pull is a bulk load (default BULK_LOAD_FROM). */
  bulkLoadFrom?: number;
  /** Called after each applied batch with the new cursor (tests and benchmarks watch progress). */
  onApplied?: (lastSeq: number, count: number) => void;
};

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class SyncEngine {
  private lastSeq = 0;
  private pushes: ChangePush[] = [];
  /** Pushes that failed their check, quarantined with the next write. */
  private refusedPushes: QuarantineEntry[] = [];
  private pullWanted = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private flushScheduled = false;
  private stopped = false;
  private quarantinedCount = 0;
  private readonly clock: () => number;
  private readonly offs: (() => void)[] = [];
  private readonly checker: PageChecker;
  private readonly source: PageSource;
  private readonly bulk: BulkLoadMode;
  private readonly limits: BatchLimits;
  /** The sync's store work: pulls asked for, then pushes received. */
  private readonly work = new OneAtATime(() => this.catchUp(), { onError: (e) => this.stepFailed(e) });
  private waiters: { seq: number; resolve: () => void }[] = [];

  constructor(private readonly o: SyncEngineOptions) {
    this.clock = o.clock ?? Date.now;
    this.checker = o.checker ?? workerChecker(o.log);
    this.source = new PageSource(o.link, this.checker, o.pageSize ?? PAGE_SIZE);
    this.bulk = new BulkLoadMode(o.store, this.clock, o.log, o.bulkLoadFrom ?? BULK_LOAD_FROM);
    this.limits = { rows: o.bulkRows ?? WRITE_ROWS, ms: o.bulkMs ?? WRITE_MS };
  }

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
    await this.bulk.init();
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
    while (this.work.running || this.flushScheduled) {
      await this.work.idle();
      if (this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.offs.forEach((off) => off());
    await this.work.stop();
    if (!this.o.checker) await this.checker.close();
  }

  requestPull(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.pullWanted = true;
    void this.work.ask();
  }

  /** The sync's one task: pull while a pull is wanted, then apply the pushes that are waiting. */
  private async catchUp(): Promise<void> {
    while (this.pullWanted && !this.stopped) {
      this.pullWanted = false;
      if (!(await this.pull())) return; // failed: a retry is scheduled; the pushes wait for it
    }
    if (!this.stopped) await this.flush();
  }

  /** A write outside a pull failed (pushes): logged, and a pull repairs. */
  private stepFailed(e: unknown): void {
    this.o.log?.(`sync step failed: ${messageOf(e)}`);
    this.o.status.update({ lastError: messageOf(e) });
    if (!this.stopped) this.retryTimer = setTimeout(() => this.requestPull(), backoffMs(this.failures++, this.o.retry ?? DEFAULT_RETRY));
  }

  /** One pull up to the hub's head; false if it failed (a retry is then scheduled). */
  private async pull(): Promise<boolean> {
    const startSeq = this.lastSeq;
    const writer = new BatchWriter((b, last) => this.writeBatch(b, last), startSeq, this.clock, this.limits);
    let first = true;
    try {
      for await (const pulled of this.source.pages(startSeq, () => writer.storeBusy)) {
        if (this.stopped) break;
        const { page } = pulled;
        if (first) await this.bulk.decide(page.headSeq - startSeq, page.hasMore);
        first = false;
        // Progress follows what has arrived (the write may still be gathering pages); the last write clears it.
        if (page.hasMore) this.o.status.update({ progress: { done: page.lastSeq - startSeq, total: Math.max(1, page.headSeq - startSeq) } });
        await writer.add(pulled);
      }
      await writer.done();
      if (this.stopped) return false; // stopped part-way: neither a success nor a failure to retry
    } catch (e) {
      await writer.salvage().catch(() => {});
      await this.pullFailed(e);
      return false;
    }
    this.failures = 0;
    this.bulk.succeeded();
    this.o.status.update({ connection: this.o.link.connected ? 'online' : 'offline', lastSyncAt: this.clock(), lastError: null, linkProblem: null, progress: null });
    return true;
  }

  private async pullFailed(e: unknown): Promise<void> {
    this.pushes = []; // the next pull covers them
    if (this.bulk.failed()) await this.leaveBulkLoad();
    const delay = backoffMs(this.failures++, this.o.retry ?? DEFAULT_RETRY);
    this.o.log?.(`pull failed (retry in ${delay} ms): ${messageOf(e)}`);
    // A certificate or token problem is shown as what it is until a pull succeeds (someone must act on it).
    const linkProblem = e instanceof HubUnreachableError || e instanceof HubRefusedError ? e.problem : null;
    this.o.status.update({ connection: this.o.link.connected ? 'connecting' : 'offline', lastError: messageOf(e), linkProblem, progress: null });
    if (!this.stopped) this.retryTimer = setTimeout(() => this.requestPull(), delay);
  }

  /** One batch of a pull: its pages, quarantine and cursor in one transaction, with the bulk-load mode's step. */
  private async writeBatch(b: PullBatch, last: boolean): Promise<void> {
    const step = this.bulk.step(last);
    if (!b.count && !b.quarantined.length && b.lastSeq === this.lastSeq && !step.enter && !step.leave) return;
    const now = this.clock();
    const tell = step.tell === 'quiet' ? ({ kind: 'none' } as const) : step.tell === 'refetch' ? ({ kind: 'refetch' } as const) : announcementOf(b.tickets, b.count);
    await this.o.tickets.write(
      b.pages,
      tell,
      async (trx) => {
        await this.alsoRecord(trx, b.quarantined, b.lastSeq, now);
        await this.bulk.after(trx, step);
      },
      (trx) => this.bulk.before(trx, step),
    );
    this.bulk.committed(step);
    this.applied(b.count, b.quarantined, b.lastSeq, now);
    const behind = !last && b.newestChangedAt !== null ? Math.max(0, this.clock() - b.newestChangedAt) : 0;
    this.o.status.update(last ? { lagMs: behind, progress: null } : { lagMs: behind });
  }

  /** The link has failed long enough in the middle of a bulk load: the screens get their indexes back. */
  private async leaveBulkLoad(): Promise<void> {
    try {
      await this.o.tickets.write([], { kind: 'refetch' }, (trx) => this.bulk.leaveNow(trx));
      this.bulk.left();
    } catch (e) {
      this.o.log?.(`could not leave the bulk-load mode (it is left when the store is next opened): ${messageOf(e)}`);
    }
  }

  private onPush(raw: unknown): void {
    if (this.stopped) return;
    const checked = checkPush(raw);
    if (checked.ok) this.pushes.push(checked.push);
    else this.refusedPushes.push(checked.entry);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // The pushes of one turn of the event loop go into one transaction.
    setImmediate(() => {
      this.flushScheduled = false;
      void this.work.ask();
    });
  }

  /** Apply the pushes that follow the cursor, in one transaction; a gap asks for a pull. */
  private async flush(): Promise<void> {
    const pushes = this.pushes.sort((a, b) => a.seq - b.seq);
    const refused = this.refusedPushes;
    this.pushes = [];
    this.refusedPushes = [];
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
    if (cursor === this.lastSeq && !refused.length) return;
    const now = this.clock();
    const moved = cursor > this.lastSeq;
    await this.o.tickets.ingest([...records.values()], (trx) => this.alsoRecord(trx, refused, cursor, now));
    this.applied(records.size, refused, cursor, now);
    if (moved) this.o.status.update({ lastSyncAt: this.clock(), lagMs: newest === null ? 0 : Math.max(0, this.clock() - newest), connection: 'online', lastError: null });
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
