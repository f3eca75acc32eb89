import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { TicketService } from '../ticket-service';

type H<M extends 'tickets.list' | 'tickets.get' | 'tickets.counts'> = Handler<LiandongContract, M>;

export function ticketHandlers(tickets: TicketService): { 'tickets.list': H<'tickets.list'>; 'tickets.get': H<'tickets.get'>; 'tickets.counts': H<'tickets.counts'> } {
  return {
    'tickets.list': (q) => tickets.list(q),
    'tickets.get': ({ ticketNo }) => tickets.get(ticketNo),
    'tickets.counts': () => tickets.counts(),
  };
}
