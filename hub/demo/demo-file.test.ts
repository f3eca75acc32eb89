import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../shared/domain/deadlines';
import { loadDemoTickets, redate } from './demo-file';

describe('the demo history', () => {
  it('is shifted so its newest ticket arrives now, with numbers dated by their (Beijing) receipt day', async () => {
    const now = Date.parse('2026-12-01T10:00:00+08:00');
    const recs = await loadDemoTickets(path.resolve(__dirname, '../../resources'), now);
    expect(Math.max(...recs.map((r) => r.ticket.receivedAt))).toBe(now);
    for (const { ticket } of recs) expect(ticket.ticketNo.split('-')[1]).toBe(beijingDate(ticket.receivedAt).replaceAll('-', ''));
    expect(new Set(recs.map((r) => r.ticket.ticketNo)).size).toBe(recs.length);
  });

  it('redates only the date part of a number', () => {
    expect(redate('12345-20261123-0000042', Date.parse('2026-11-24T01:00:00+08:00'))).toBe('12345-20261124-0000042');
    expect(redate('WG-20261123-0000007', Date.parse('2026-11-23T23:59:00+08:00'))).toBe('WG-20261123-0000007');
  });
});
