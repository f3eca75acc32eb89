/**
 * A row updates only what its file supplies: for a ticket the hub already holds, every field no mapped column
 * gives keeps its stored value (a file without a status column does not set its tickets back to 待受理, one
 * without 办理时限 does not replace the deadline by the category's default). Pure.
 */
import type { Ticket, TicketRecord } from '../domain/ticket';
import type { ImportField } from './fields';

/** Which ticket fields each import field feeds. */
const FEEDS: readonly [readonly ImportField[], readonly (keyof Ticket)[]][] = [
  [['status', 'resolvedAt'], ['status']],
  [['satisfaction'], ['satisfaction']],
  [['source'], ['source']],
  [['callerName', 'callerPhone'], ['callerMasked']],
  [['summary', 'title', 'appealType'], ['summary']],
  [['address'], ['address']],
  [['address', 'lng', 'lat', 'community'], ['lng', 'lat', 'placement']],
  [['community', 'address'], ['communityCode']],
  [['grid'], ['grid']],
  [['category1', 'category2'], ['category']],
  [['handlingUnit'], ['handlingUnit']],
  [['deadlineAt'], ['deadlineAt']],
];

export function keepUnsupplied(stored: TicketRecord, incoming: TicketRecord, mapped: ReadonlySet<ImportField>): TicketRecord {
  const ticket: Record<string, unknown> = { ...incoming.ticket };
  for (const [fields, keys] of FEEDS) {
    if (fields.some((f) => mapped.has(f))) continue;
    for (const k of keys) ticket[k] = stored.ticket[k];
  }
  // A status kept from the store keeps its timeline step too (the merge keeps every stored step).
  return { ticket: { ...(ticket as Ticket), updatedAt: Math.max(incoming.ticket.updatedAt, stored.ticket.updatedAt) }, timeline: incoming.timeline };
}
