import { describe, expect, it } from 'vitest';
import { concernsTicket, TICKET_EVENTS } from './ticket-events';

describe('the ticket events a screen listens to', () => {
  it('are the two the contract declares', () => {
    expect([...TICKET_EVENTS]).toEqual(['tickets.changed', 'tickets.refetch']);
  });

  it('concern one ticket when they name it, or when they ask everyone to refetch', () => {
    const mine = concernsTicket('12345-1');
    expect(mine({ tickets: [{ ticketNo: '12345-2' }] })).toBe(false);
    expect(mine({ tickets: [{ ticketNo: '12345-2' }, { ticketNo: '12345-1' }] })).toBe(true);
    expect(mine({})).toBe(true);
  });
});
