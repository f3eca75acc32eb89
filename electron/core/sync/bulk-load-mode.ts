/**
 * When the sync puts the store in its bulk-load mode (db/queries/bulk-load.ts), and when it takes it out.
 * - A pull is a bulk load when its first page says at least BULK_LOAD_FROM changes are coming, and at least as
 *   many as the store holds tickets (a first sync, a console far behind). Its first write enters the mode; the
 *   write that reaches the hub's head leaves it, and tells the screens to refetch (during the load they are not
 *   told after each write: without the indexes their lists and counts scan the whole table).
 * - A pull that fails part-way leaves the store in the mode: the next attempt carries on the load without
 *   building and dropping the indexes again (a flaky link used to cost a first sync 38 index builds). Only when
 *   the link has failed for BULK_LOAD_KEPT_THROUGH_FAILURES_MS is the mode left, so that the screens answer from
 *   their indexes while the console waits.
 * - A console stopped in the middle leaves the mode when its store is next opened (db/open.ts).
 */
import type { Store } from '../../../db/open';
import { enterBulkLoad, inBulkLoad, largestTicketRowid, leaveBulkLoad } from '../../../db/queries/bulk-load';
import { BULK_LOAD_FROM, BULK_LOAD_KEPT_THROUGH_FAILURES_MS } from './sizes';

/** What a pull's write does about the mode, in its transaction, and what it tells the screens. */
export type ModeStep = {
  enter: boolean;
  leave: boolean;
  /** normal: the write's own tickets (or refetch when many); quiet: nothing (mid-load); refetch: the load's end. */
  tell: 'normal' | 'quiet' | 'refetch';
};

export class BulkLoadMode {
  /** The store is in the mode (committed). */
  private on = false;
  /** This pull is a bulk load. */
  private wanted = false;
  private failingSince: number | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly log?: (line: string) => void,
    private readonly from = BULK_LOAD_FROM,
  ) {}

  async init(): Promise<void> {
    this.on = await inBulkLoad(this.store);
  }

  get active(): boolean {
    return this.on;
  }

  /** On a pull's first page: `coming` changes up to the head. */
  async decide(coming: number, hasMore: boolean): Promise<void> {
    const big = hasMore && coming >= this.from && coming >= (await largestTicketRowid(this.store));
    this.wanted = this.on || big;
    if (big && !this.on) this.log?.(`bulk load of ${coming} changes: the store's bulk-load mode until its last write`);
  }

  /** The step of a pull's write (`last`: it reaches the head). */
  step(last: boolean): ModeStep {
    const enter = this.wanted && !this.on && !last;
    const leave = last && this.on;
    const tell = leave ? 'refetch' : this.on || enter ? 'quiet' : 'normal';
    return { enter, leave, tell };
  }

  /** In the write's transaction, before its rows. */
  async before(trx: Store, s: ModeStep): Promise<void> {
    if (s.enter) await enterBulkLoad(trx);
  }

  /** In the write's transaction, after its rows. */
  async after(trx: Store, s: ModeStep): Promise<void> {
    if (s.leave) await leaveBulkLoad(trx);
  }

  /** The write committed. */
  committed(s: ModeStep): void {
    if (s.enter) this.on = true;
    if (s.leave) this.left();
  }

  /** A pull reached the head. */
  succeeded(): void {
    this.failingSince = null;
    this.wanted = false;
  }

  /** A pull failed: should the mode be left now (the link has failed long enough)? */
  failed(): boolean {
    this.failingSince ??= this.clock();
    return this.on && this.clock() - this.failingSince >= BULK_LOAD_KEPT_THROUGH_FAILURES_MS;
  }

  /** The mode was left outside a pull (after failures); in its own transaction. */
  async leaveNow(trx: Store): Promise<void> {
    await leaveBulkLoad(trx);
  }

  /** The mode was left (by a load's last write, or after failures): a later load counts its failures afresh. */
  left(): void {
    this.on = this.wanted = false;
    this.failingSince = null;
  }
}
