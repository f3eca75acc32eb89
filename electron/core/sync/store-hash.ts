/**
 * The same digest the hub computes over its tickets (HubStore.contentHash), over the console's store:
 * equal digests mean equal content. Records are re-parsed so their JSON is canonical.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../../db/open';
import { rowToTicket, rowToTimeline } from '../../../db/queries/ticket-row';
import { TicketRecord } from '../../../shared/domain/ticket';

export async function storeHash(store: Store): Promise<string> {
  const h = createHash('sha256');
  for await (const row of store.selectFrom('tickets').selectAll().orderBy('ticket_no').stream(1000)) {
    const record = TicketRecord.parse({ ticket: rowToTicket(row), timeline: rowToTimeline(row.timeline) });
    h.update(row.ticket_no).update('\0').update(JSON.stringify(record)).update('\n');
  }
  return h.digest('hex');
}
