/**
 * Running an import job: rows read in order, each turned into a record or refused with its reason, records
 * landing in batches of 2,000 through the hub's ingest (validated, merged with Liandong's own steps, one
 * transaction per batch, one audit entry per batch, pushed to the consoles like any ingest). After each batch
 * the job records the last row that landed, so a job cancelled or cut off part-way (the hub stopped, the disk
 * failed) is RESUMED from there — we chose resume over roll-back: the rows that landed are valid tickets the
 * consoles already show, and re-importing them is idempotent. Refused rows go to the job's CSV as they come.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import type { RefusedRow } from '../../shared/contract/imports';
import { rowToRecord, type RowContext } from '../../shared/import/row-to-record';
import { withoutRepeats } from './repeats';
import { suggestCategory } from '../../shared/import/category-map';
import { keepUnsupplied } from '../../shared/import/keep-unsupplied';
import { translate } from '../../shared/i18n/catalogue';
import { csvTextField } from '../../shared/import/csv-field';
import type { TicketRecord } from '../../shared/domain/ticket';
import { ingestRecords } from '../ingest';
import type { HubStore, StoredChange } from '../store/hub-store';
import { saveJob, type JobRecord } from './job-record';
import { readRows } from './read-rows';
import { forgetCategoryTickets, noteCategoryTickets, tracksUnknownCategories } from './category-store';

export const IMPORT_BATCH = 2000;
const SAMPLE = 100;

export type RunDeps = {
  store: HubStore;
  clock: () => number;
  onChanges: (c: StoredChange[]) => void;
  /** Called after each batch with the job as it now is. */
  onProgress?: (job: JobRecord) => void;
};


export const REFUSED_CSV_HEADER = '\ufeff行号,工单编号,列,原因代码,原因\r\n';

export function refusedLine(r: RefusedRow): string {
  const words = translate('zh-CN', `import.refused.${r.reason}` as Parameters<typeof translate>[1], r.params);
  return [r.row, r.ticketNo, r.column, r.reason, words].map(csvTextField).join(',') + '\r\n';
}

export async function runImport(job: JobRecord, ctx: Omit<RowContext, 'columns' | 'headers'>, deps: RunDeps, signal: AbortSignal): Promise<void> {
  const refusedFile = `${job.path}.refused.csv`;
  if (job.committedRow === 0) await writeFile(refusedFile, REFUSED_CSV_HEADER, { mode: 0o600 });
  const rowCtx: RowContext = { ...ctx, columns: job.columns, headers: job.headers };
  const noColumn = job.columns.indexOf('ticketNo');
  const mapped = new Set(job.columns.filter((c): c is NonNullable<typeof c> => c !== null));
  // Tickets the hub holds keep what this file does not supply (keep-unsupplied.ts).
  const keep = (stored: TicketRecord, incoming: TicketRecord) => keepUnsupplied(stored, incoming, mapped);
  const progress = { bytes: 0 };
  const startedAt = deps.clock();
  job.progress.startedAt ??= startedAt;
  const rowsBefore = job.report.rows;
  const unknown = new Map(job.report.unmappedCategories.map((u) => [u.text, u] as const));
  type Batch = { rows: number; records: { row: number; record: TicketRecord; category: string | null }[]; refused: RefusedRow[]; lastRow: number };
  const fresh = (): Batch => ({ rows: 0, records: [], refused: [], lastRow: 0 });
  let batch = fresh();
  let rowNo = 0;
  let batchNo = Math.floor(job.committedRow / IMPORT_BATCH);

  // Whether any ticket was ever imported under an unknown text (else there is nothing to forget).
  const seenUnknown = await tracksUnknownCategories(deps.store.db);
  const refuse = (r: RefusedRow) => {
    job.report.refused++;
    if (job.report.refusedSample.length < SAMPLE) job.report.refusedSample.push(r);
  };

  /** A batch lands: its records through the ingest, then the report, the refused rows' file and the job's
   * progress — all after the ingest committed, so what the job says is what landed (a resume starts after
   * `lastRow` and counts nothing twice). */
  const land = async (b: Batch) => {
    const now = deps.clock();
    const lines: string[] = [];
    // A number this file held before (earlier in the batch, or in a batch that landed): the later row is refused
    // with the row it repeats — which of the two is right, the file cannot say.
    b.records = await withoutRepeats(deps.store.db, job.id, b.records, (r, first) => b.refused.push({ row: r.row, ticketNo: r.record.ticket.ticketNo, column: job.headers[noColumn] ?? null, reason: 'duplicateInFile', params: { row: first } }));
    if (b.records.length) {
      const result = await ingestRecords(deps.store, b.records.map((r) => r.record), now, deps.onChanges, {
        tokenId: job.tokenId ?? 'import',
        who: `${job.by} · 导入 ${job.fileName}`.slice(0, 100),
        address: null,
        digest: `import:${job.id}:${++batchNo}`,
      }, keep);
      const rejected = new Set(result.rejected.map((r) => r.index));
      for (const r of result.rejected) b.refused.push({ row: b.records[r.index]?.row ?? b.lastRow, ticketNo: r.ticketNo, column: null, reason: 'invalid', params: { detail: r.error.slice(0, 300) } });
      b.refused.sort((x, y) => x.row - y.row);
      job.report.imported += result.created;
      job.report.updated += result.changed - result.created;
      job.report.unchanged += result.unchanged;
      const landed = b.records.filter((_, i) => !rejected.has(i));
      for (const r of landed) {
        if (r.record.ticket.placement === 'none') job.report.unplaced++;
        else if (r.record.ticket.placement !== 'exact') job.report.approximate++;
        if (r.category !== null) {
          job.report.otherCategory++;
          const u = unknown.get(r.category) ?? { text: r.category, rows: 0, suggestion: suggestCategory(r.category) };
          u.rows++;
          unknown.set(r.category, u);
        }
      }
      await noteCategoryTickets(deps.store.db, landed.filter((r) => r.category !== null).map((r) => ({ ticketNo: r.record.ticket.ticketNo, text: r.category! })));
      if (seenUnknown) await forgetCategoryTickets(deps.store.db, landed.filter((r) => r.category === null).map((r) => r.record.ticket.ticketNo));
    }
    for (const r of b.refused) {
      refuse(r);
      lines.push(refusedLine(r));
    }
    if (lines.length) await appendFile(refusedFile, lines.join(''));
    job.report.rows += b.rows;
    job.committedRow = b.lastRow;
    job.report.unmappedCategories = [...unknown.values()].sort((a, b2) => b2.rows - a.rows).slice(0, 200);
    const elapsed = Math.max(1, deps.clock() - startedAt) / 1000;
    const byteRate = progress.bytes / elapsed;
    job.progress.bytesRead = Math.min(job.progress.totalBytes, progress.bytes);
    job.progress.committedRows = job.report.rows;
    job.progress.rowsPerS = Math.round((job.report.rows - rowsBefore) / elapsed);
    job.progress.etaS = byteRate > 0 ? Math.max(0, Math.round((job.progress.totalBytes - progress.bytes) / byteRate)) : null;
    await saveJob(deps.store.db, job);
    deps.onProgress?.(job);
  };

  // One batch lands while the next is read: the store's work (on its own thread) overlaps the parsing.
  let landing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const b = batch;
    b.lastRow = rowNo;
    batch = fresh();
    await landing;
    landing = land(b);
    landing.catch(() => undefined); // awaited at the next flush or the end; not an unhandled rejection meanwhile
  };

  // The signal is checked between rows, not given to the reader: a cancel lands the batch in hand first, so
  // what the report counts is what landed, and a resume starts right after it.
  for await (const cells of readRows({ path: job.path, format: job.format, encoding: job.encoding, bom: job.bom, delimiter: job.delimiter }, progress)) {
    rowNo++;
    if (rowNo <= job.headerRow || rowNo <= job.committedRow) continue;
    if (!cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) continue;
    batch.rows++;
    const out = rowToRecord(cells, rowCtx);
    if (out.ok) {
      batch.records.push({ row: rowNo, record: out.record, category: out.unmappedCategory });
    } else batch.refused.push({ row: rowNo, ticketNo: out.ticketNo, column: out.refusal.column, reason: out.refusal.reason, ...(out.refusal.params ? { params: out.refusal.params } : {}) });
    if (batch.records.length >= IMPORT_BATCH || batch.refused.length >= IMPORT_BATCH || signal.aborted) {
      await flush();
      if (signal.aborted) break;
    }
  }
  if (!signal.aborted) await flush();
  await landing;
}
