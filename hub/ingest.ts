/**
 * Taking tickets in (POST /api/v1/tickets, the demo feed, imports): each record validated as the hub takes
 * it (IngestRecord: the district's own sub-district and community codes), merged with what the hub holds
 * (a re-ingest keeps the steps taken in Liandong: ingest-merge.ts), stored in one transaction. A bad record
 * is refused by index with its reason; the valid ones are stored.
 */
import { IngestRecord, type IngestResult } from '../shared/hub-protocol';
import type { TicketRecord } from '../shared/domain/ticket';
import { describeZodError } from '../shared/rpc/errors';
import type { AuditEntry } from './audit-log';
import { mergeIngest } from './ingest-merge';
import type { HubStore, StoredChange } from './store/hub-store';

/** Who sent an ingest, for the audit trail (the request's digest with it). */
export type IngestSource = { tokenId: string; who: string; address: string | null; digest: string };

/** The result, with how many of the changed records were new tickets (imports report new and updated apart). */
export async function ingestRecords(
  store: HubStore,
  raw: readonly unknown[],
  now: number,
  onChanges: (c: StoredChange[]) => void,
  source?: IngestSource,
  /** For a ticket the hub holds, what of the stored record the incoming one keeps before the merge (an import
   * keeps the fields its file does not supply); applied inside the write's transaction. */
  keep?: (stored: TicketRecord, incoming: TicketRecord) => TicketRecord,
): Promise<IngestResult & { created: number }> {
  const rejected: IngestResult['rejected'] = [];
  const valid: { record: TicketRecord; body: string }[] = [];
  const indexOf = new Map<string, number>();
  raw.forEach((r, index) => {
    const parsed = IngestRecord.safeParse(r);
    if (parsed.success) {
      valid.push({ record: parsed.data, body: JSON.stringify(parsed.data) });
      indexOf.set(parsed.data.ticket.ticketNo, index);
    } else {
      const no = (r as { ticket?: { ticketNo?: unknown } } | null)?.ticket?.ticketNo;
      rejected.push({ index, ticketNo: typeof no === 'string' ? no.slice(0, 64) : null, error: describeZodError(parsed.error) });
    }
  });
  const audit = source
    ? (changed: number, refusedN: number): AuditEntry => ({
        at: now,
        tokenId: source.tokenId,
        who: source.who,
        role: 'ingest',
        address: source.address,
        kind: 'ingest',
        ticketNo: valid.length === 1 ? valid[0]!.record.ticket.ticketNo : null,
        digest: source.digest,
        result: `${raw.length} records: ${changed} changed, ${valid.length - refusedN - changed} unchanged, ${rejected.length + refusedN} refused`,
      })
    : undefined;
  const { changes, refused, created } = await store.upsert(
    valid,
    now,
    (storedBody, incoming) => {
      const stored = JSON.parse(storedBody) as TicketRecord;
      const merged = mergeIngest(stored, keep ? keep(stored, incoming) : incoming);
      return merged.ok ? { record: merged.record, body: JSON.stringify(merged.record) } : { error: merged.error };
    },
    audit,
  );
  for (const r of refused) rejected.push({ index: indexOf.get(r.ticketNo) ?? -1, ticketNo: r.ticketNo, error: r.error });
  rejected.sort((a, b) => a.index - b.index);
  if (changes.length) onChanges(changes);
  return { created, accepted: valid.length - refused.length, changed: changes.length, unchanged: valid.length - refused.length - changes.length, rejected, lastSeq: store.head };
}
