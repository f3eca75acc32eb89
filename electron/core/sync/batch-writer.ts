/**
 * The writes of a pull: checked pages gathered into transactions and written one at a time, while the next
 * pages are fetched and checked. When the store is idle, what has arrived is written at once (a pull starts
 * writing with its first page; a slow link never waits for a full batch); while it is busy, the pages that
 * arrive gather into one transaction of up to WRITE_ROWS changes or WRITE_MS of arrivals (SQLite's cost is per
 * commit). At most one batch waits while another is written. Each transaction carries its cursor, so a crash
 * resumes from the last commit and no reader sees half a batch.
 */
import type { QuarantineEntry } from '../../../db/queries/quarantine';
import type { TicketPageWrite } from '../../../db/queries/ticket-write';
import type { Ticket } from '../../../shared/domain/ticket';
import type { PulledPage } from './page-source';
import { ANNOUNCE_UP_TO, WRITE_MS, WRITE_ROWS } from './sizes';

/** Pages gathered for one transaction of a pull. */
export type PullBatch = {
  pages: TicketPageWrite[];
  /** Changes stored by the batch. */
  count: number;
  /** Their tickets, while few enough to announce one by one (null: announced as "refetch"). */
  tickets: Ticket[] | null;
  quarantined: QuarantineEntry[];
  /** The cursor after the batch. */
  lastSeq: number;
  /** changedAt of the newest change stored (for the lag), if any. */
  newestChangedAt: number | null;
};

/** Writes a batch (`last`: the pull's last, which reached the hub's head). */
export type WriteBatch = (batch: PullBatch, last: boolean) => Promise<void>;

export type BatchLimits = { rows: number; ms: number };

const newBatch = (lastSeq: number): PullBatch => ({ pages: [], count: 0, tickets: [], quarantined: [], lastSeq, newestChangedAt: null });

export class BatchWriter {
  private batch: PullBatch;
  /** When the gathering batch's first page arrived. */
  private since: number | null = null;
  private writing: Promise<void> = Promise.resolve();
  private busy = false;
  /** The cursor after the last batch handed to the store. */
  private handedOver: number;

  constructor(
    private readonly write: WriteBatch,
    cursor: number,
    private readonly clock: () => number,
    private readonly limits: BatchLimits = { rows: WRITE_ROWS, ms: WRITE_MS },
  ) {
    this.batch = newBatch(cursor);
    this.handedOver = cursor;
  }

  /** Is a batch being written right now? */
  get storeBusy(): boolean {
    return this.busy;
  }

  /** Add a checked page; resolves when the page is gathered or handed to the store (a failed write rejects here). */
  async add({ page, body }: PulledPage): Promise<void> {
    const b = this.batch;
    if (page.accepted.rows) b.pages.push({ json: body, accepted: page.accepted });
    b.count += page.accepted.rows;
    b.tickets = b.tickets && page.tickets && b.count <= ANNOUNCE_UP_TO ? b.tickets.concat(page.tickets) : null;
    b.quarantined.push(...page.quarantined);
    b.lastSeq = page.lastSeq;
    b.newestChangedAt = page.newestChangedAt ?? b.newestChangedAt;
    this.since ??= this.clock();
    const full = b.count >= this.limits.rows || this.clock() - this.since >= this.limits.ms;
    if (page.hasMore && !full && this.busy) return;
    await this.writing; // at most one batch waits to be written
    this.start(b, !page.hasMore);
  }

  /** The pull failed part-way: write what arrived before the failure (on a flaky link a pull still makes
   * progress), then wait for the writes. Rejects if a write failed — and then nothing after it is written. */
  async salvage(): Promise<void> {
    await this.writing;
    if (this.batch.lastSeq > this.handedOver) this.start(this.batch, false);
    await this.writing;
  }

  /** Wait for the writes handed over so far. */
  done(): Promise<void> {
    return this.writing;
  }

  private start(b: PullBatch, last: boolean): void {
    this.handedOver = b.lastSeq;
    this.batch = newBatch(b.lastSeq);
    this.since = null;
    this.busy = true;
    this.writing = this.writing.then(() => this.write(b, last)).finally(() => (this.busy = false));
    this.writing.catch(() => {}); // observed where it is awaited
  }
}
