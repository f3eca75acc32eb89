/**
 * Tickets over the store: queries for the contract, and ingest (atomic batches) that announces
 * what changed to whoever listens (the RPC server pushes it to every screen).
 */
import type { Store } from '../../db/open';
import { countTickets, decodeCursor, getTicket, getTimeline, latestChangeMark, listTickets, upsertTicketPages, upsertTickets, type TicketPageWrite } from '../../db/queries/tickets';
import type { TicketCounts, TicketDetail, TicketPage } from '../../shared/contract';
import { TICKET_STATUSES } from '../../shared/domain/status';
import type { Ticket, TicketRecord } from '../../shared/domain/ticket';
import { RpcError } from '../../shared/rpc/errors';
import type { z } from 'zod';
import type { TicketQuery as TicketQuerySchema } from '../../shared/contract/tickets';

export type TicketsListener = (tickets: Ticket[]) => void;

/** Largest batch one 'tickets.changed' event carries. */
const EVENT_BATCH = 500;
/** Batches larger than this are announced without their tickets (an empty list means "refetch"). */
export const BULK_BATCH = 200;

export class TicketService {
  private readonly listeners = new Set<TicketsListener>();
  private lastMark: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
    /** The screens' reads (lists, a ticket, counts): a read-only connection, so the sync never waits for them. */
    private readonly reader: Store = store,
  ) {}

  onChanged(listener: TicketsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(query: z.output<typeof TicketQuerySchema>): Promise<TicketPage> {
    let cursor: { receivedAt: number; ticketNo: string } | undefined;
    if (query.cursor !== undefined) {
      cursor = decodeCursor(query.cursor);
      if (!cursor) throw new RpcError('badRequest', `tickets.list: unreadable cursor '${query.cursor}'`, { reason: 'badCursor' });
    }
    return listTickets(this.reader, query, { limit: query.limit, cursor }, this.clock());
  }

  async get(ticketNo: string): Promise<TicketDetail> {
    const ticket = await getTicket(this.reader, ticketNo);
    if (!ticket) throw new RpcError('notFound', `no ticket ${ticketNo}`, { reason: 'ticketNotFound', params: { ticketNo } });
    return { ticket, timeline: await getTimeline(this.reader, ticketNo) };
  }

  async counts(): Promise<TicketCounts> {
    const c = await countTickets(this.reader, this.clock());
    const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, c.byStatus[s] ?? 0])) as TicketCounts['byStatus'];
    return { ...c, byStatus };
  }

  /**
   * Store tickets with their timelines in one transaction, then announce them. `alsoInTransaction`
   * runs in the same transaction (the sync writes its cursor there, so no reader sees half a batch).
   */
  async ingest(batch: readonly TicketRecord[], alsoInTransaction?: (trx: Store) => Promise<void>): Promise<void> {
    if (!batch.length && !alsoInTransaction) return;
    await this.store.transaction().execute(async (trx) => {
      if (batch.length) await upsertTickets(trx, batch, await this.nextMark(trx as unknown as Store));
      await alsoInTransaction?.(trx as unknown as Store);
    });
    if (!batch.length) return;
    // A bulk batch (an initial sync, a catch-up) is announced as "many changed": screens refetch what they
    // show instead of receiving thousands of tickets they would not display.
    this.announce(batch.length > BULK_BATCH ? [] : batch.map((b) => b.ticket));
  }

  /**
   * The same for pages of a hub's change feed, stored from their JSON text (a pull). `announce`: the tickets
   * stored, an empty list for "many: refetch" (a bulk batch), or null: nothing to tell (nothing stored, or a write
   * in the middle of a bulk load, whose end tells "refetch"). `beforeRows` runs
   * in the transaction before the rows are stored (a bulk load sets the tickets' indexes aside there).
   */
  async ingestPages(pages: readonly TicketPageWrite[], announce: Ticket[] | null, alsoInTransaction: (trx: Store) => Promise<void>, beforeRows?: (trx: Store) => Promise<void>): Promise<void> {
    await this.store.transaction().execute(async (trx) => {
      const mark = pages.length ? await this.nextMark(trx as unknown as Store) : 0;
      await beforeRows?.(trx as unknown as Store);
      await upsertTicketPages(trx, pages, mark);
      await alsoInTransaction(trx as unknown as Store);
    });
    if (announce) this.announce(announce);
  }

  /** In a write transaction: the next change mark — read from the store once, then counted here (all of this
   * store's writes go through this service, one transaction at a time). */
  private async nextMark(trx: Store): Promise<number> {
    this.lastMark = (this.lastMark ?? (await latestChangeMark(trx))) + 1;
    return this.lastMark;
  }

  private announce(tickets: Ticket[]): void {
    if (!tickets.length) {
      for (const l of this.listeners) l([]);
      return;
    }
    for (let i = 0; i < tickets.length; i += EVENT_BATCH) {
      const chunk = tickets.slice(i, i + EVENT_BATCH);
      for (const l of this.listeners) l(chunk);
    }
  }
}
