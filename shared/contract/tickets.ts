/** Tickets area of the contract: list, get, counts, and the pushed change event. */
import { z } from 'zod';
import { Ticket, TicketNo, TimelineEntry, TicketSource, TicketStatus, WhistleLevel } from '../domain/ticket';

const code = z.string().min(1).max(64);

export const TicketQuery = z.object({
  status: z.array(TicketStatus).max(20).optional(),
  subDistrictCode: z.array(code).max(50).optional(),
  whistleLevel: z.array(WhistleLevel).max(3).optional(),
  category: z.array(code).max(50).optional(),
  source: z.array(TicketSource).max(4).optional(),
  /** Only 三跨 tickets (any cross flag set). */
  crossOnly: z.boolean().optional(),
  /** Only open tickets past their deadline. */
  overdueOnly: z.boolean().optional(),
  /** Only open tickets due within the next 24 hours (即将超期). */
  dueSoonOnly: z.boolean().optional(),
  /** Only tickets not yet closed. */
  openOnly: z.boolean().optional(),
  /** Substring of ticket number, summary or address. */
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  /** Opaque keyset cursor from a previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});
export type TicketQuery = z.input<typeof TicketQuery>;

export const TicketPage = z.object({
  items: z.array(Ticket),
  /** How many tickets match the filter (all pages). */
  total: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
});
export type TicketPage = z.infer<typeof TicketPage>;

export const TicketDetail = z.object({ ticket: Ticket, timeline: z.array(TimelineEntry) });
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketCounts = z.object({
  total: z.number().int().nonnegative(),
  open: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  /** 即将超期: unresolved, due within the next 24 hours. */
  dueSoon: z.number().int().nonnegative(),
  /** 今日受理: received since 00:00 Beijing today. */
  receivedToday: z.number().int().nonnegative(),
  byStatus: z.record(TicketStatus, z.number().int().nonnegative()),
  bySubDistrict: z.array(z.object({ code, open: z.number().int().nonnegative(), total: z.number().int().nonnegative() })),
});
export type TicketCounts = z.infer<typeof TicketCounts>;

/** `tickets.changed`: these tickets changed — as they now are (one write's, at most 500 per event). */
export const TicketsChanged = z.object({
  tickets: z.array(Ticket).min(1).max(500),
});
export type TicketsChanged = z.infer<typeof TicketsChanged>;

/**
 * `tickets.refetch`: many tickets changed at once (a bulk write, the end of a first sync or of a long catch-up);
 * the event does not list them — whoever shows tickets reads again what it shows.
 */
export const TicketsRefetch = z.object({}).strict();
export type TicketsRefetch = z.infer<typeof TicketsRefetch>;

export const ticketMethods = {
  'tickets.list': { input: TicketQuery, output: TicketPage },
  'tickets.get': { input: z.object({ ticketNo: TicketNo }), output: TicketDetail },
  'tickets.counts': { input: z.object({}).strict(), output: TicketCounts },
};

export const ticketEvents = {
  'tickets.changed': TicketsChanged,
  'tickets.refetch': TicketsRefetch,
};

/** Both ticket events: what a screen that shows tickets refreshes on. */
export const TICKET_EVENTS = ['tickets.changed', 'tickets.refetch'] as const;
