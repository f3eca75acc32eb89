/**
 * Tickets over the store: queries for the contract, and ingest (atomic batches) that announces
 * what changed to whoever listens (the RPC server pushes it to every screen).
 */
import type { Store, StoreReader } from '../../db/open';
import { countTickets, decodeCursor, getTicket, getTimeline, listTickets } from '../../db/queries/tickets';
import { pageOfRecords, writeTicketPages, type TicketPageWrite } from '../../db/queries/ticket-write';
import { ANNOUNCE_UP_TO, EVENT_BATCH } from './sync/sizes';
import type { TicketCounts, TicketDetail, TicketPage } from '../../shared/contract';
import { TICKET_STATUSES } from '../../shared/domain/status';
import type { Ticket, TicketRecord } from '../../shared/domain/ticket';
import { RpcError } from '../../shared/rpc/errors';
import type { z } from 'zod';
import type { TicketQuery as TicketQuerySchema } from '../../shared/contract/tickets';

/**
 * What a write tells the screens: these tickets changed (few enough to send), many changed — refetch what you
 * show (a bulk write, a load's end) —, or nothing (nothing stored, or a write in the middle of a bulk load,
 * whose end tells "refetch").
 */
export type TicketsAnnouncement = { kind: 'tickets'; tickets: Ticket[] } | { kind: 'refetch' } | { kind: 'none' };
export type TicketsListener = (a: TicketsAnnouncement) => void;

/** The announcement of a write that stored these tickets: one by one up to ANNOUNCE_UP_TO, else "refetch". */
export function announcementOf(tickets: readonly Ticket[] | null, stored: number): TicketsAnnouncement {
  if (!stored) return { kind: 'none' };
  return tickets && tickets.length <= ANNOUNCE_UP_TO ? { kind: 'tickets', tickets: [...tickets] } : { kind: 'refetch' };
}

export class TicketService {
  private readonly listeners = new Set<TicketsListener>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
    /** The screens' reads (lists, a ticket, counts): a read-only connection, so the sync never waits for them. */
    private readonly reader: StoreReader = store,
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
   * Store tickets with their timelines in one transaction, then announce them. `inTransaction` runs in the same
   * transaction (the sync writes its cursor there, so no reader sees half a batch).
   */
  async ingest(batch: readonly TicketRecord[], inTransaction?: (trx: Store) => Promise<void>): Promise<void> {
    if (!batch.length && !inTransaction) return;
    await this.write(batch.length ? [pageOfRecords(batch)] : [], announcementOf(batch.map((b) => b.ticket), batch.length), inTransaction);
  }

  /**
   * Store pages of ticket versions (a pull's pages as the hub sent them, or records as one page: the store's one
   * write path, db/queries/ticket-write.ts) in one transaction, then tell the screens `announce`.
   * `beforeRows` runs in the transaction before the rows are stored (a bulk load enters its mode there);
   * `inTransaction` after them.
   */
  async write(pages: readonly TicketPageWrite[], announce: TicketsAnnouncement, inTransaction?: (trx: Store) => Promise<void>, beforeRows?: (trx: Store) => Promise<void>): Promise<void> {
    await this.store.transaction().execute(async (trx) => {
      await beforeRows?.(trx);
      if (pages.some((p) => p.accepted.rows)) await writeTicketPages(trx, pages);
      await inTransaction?.(trx);
    });
    this.announce(announce);
  }

  private announce(a: TicketsAnnouncement): void {
    if (a.kind === 'none') return;
    if (a.kind === 'refetch') {
      for (const l of this.listeners) l(a);
      return;
    }
    for (let i = 0; i < a.tickets.length; i += EVENT_BATCH) {
      const chunk: TicketsAnnouncement = { kind: 'tickets', tickets: a.tickets.slice(i, i + EVENT_BATCH) };
      for (const l of this.listeners) l(chunk);
    }
  }
}
