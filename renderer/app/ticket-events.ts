/** What a screen showing tickets listens to: `tickets.changed` (these tickets) and `tickets.refetch` (many: read again). */
export { TICKET_EVENTS } from '../../shared/contract/tickets';

/** For a live query of one ticket: refetch when that ticket changed, or on a refetch (whose payload lists none). */
export function concernsTicket(ticketNo: string): (payload: unknown) => boolean {
  return (payload) => {
    const tickets = (payload as { tickets?: { ticketNo: string }[] } | null)?.tickets;
    return tickets === undefined || tickets.some((t) => t.ticketNo === ticketNo);
  };
}
