/**
 * Ticket numbers a file holds twice. Each landed number is noted with its row in the store (hub_import_seen), so
 * the check spans batches and resumes and keeps no million numbers in memory; a job's notes go when it is done.
 * A note is its row's own when the rows match (a batch noted but not landed before a crash, read again on resume).
 */
import type { TicketRecord } from '../../shared/domain/ticket';
import type { HubDb } from '../store/hub-store';

type Row = { row: number; record: TicketRecord };

export async function withoutRepeats<R extends Row>(db: HubDb, jobId: string, rows: readonly R[], repeated: (r: R, firstRow: number) => void): Promise<R[]> {
  const first = new Map<string, number>();
  const nos = [...new Set(rows.map((r) => r.record.ticket.ticketNo))];
  for (let i = 0; i < nos.length; i += 2000) {
    const seen = await db.selectFrom('hub_import_seen').select(['ticket_no', 'row']).where('job_id', '=', jobId).where('ticket_no', 'in', nos.slice(i, i + 2000)).execute();
    for (const s of seen) first.set(s.ticket_no, s.row);
  }
  const kept: R[] = [];
  const noted: { job_id: string; ticket_no: string; row: number }[] = [];
  for (const r of rows) {
    const no = r.record.ticket.ticketNo;
    const at = first.get(no);
    if (at !== undefined && at !== r.row) {
      repeated(r, at);
      continue;
    }
    if (at === undefined) {
      first.set(no, r.row);
      noted.push({ job_id: jobId, ticket_no: no, row: r.row });
    }
    kept.push(r);
  }
  for (let i = 0; i < noted.length; i += 1000) await db.insertInto('hub_import_seen').values(noted.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
  return kept;
}

export async function forgetSeen(db: HubDb, jobId: string): Promise<void> {
  await db.deleteFrom('hub_import_seen').where('job_id', '=', jobId).execute();
}
