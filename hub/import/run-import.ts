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
import { suggestCategory } from '../../shared/import/category-map';
import { translate } from '../../shared/i18n/catalogue';
import type { TicketRecord } from '../../shared/domain/ticket';
import { ingestRecords } from '../ingest';
import type { HubStore, StoredChange } from '../store/hub-store';
import { saveJob, type JobRecord } from './job-record';
import { readRows } from './read-rows';
import { noteCategoryTickets, noteUnknownCategories } from './category-store';

export const IMPORT_BATCH = 2000;
const SAMPLE = 100;

export type RunDeps = {
  store: HubStore;
  clock: () => number;
  onChanges: (c: StoredChange[]) => void;
  /** Called after each batch with the job as it now is. */
  onProgress?: (job: JobRecord) => void;
};

const csvField = (v: string | number | null | undefined) => {
  const t = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

export const REFUSED_CSV_HEADER = '\ufeff行号,工单编号,列,原因代码,原因\r\n';

export function refusedLine(r: RefusedRow): string {
  const words = translate('zh-CN', `import.refused.${r.reason}` as Parameters<typeof translate>[1], r.params);
  return [r.row, r.ticketNo, r.column, r.reason, words].map(csvField).join(',') + '\r\n';
}

export async function runImport(job: JobRecord, ctx: Omit<RowContext, 'columns' | 'headers'>, deps: RunDeps, signal: AbortSignal): Promise<void> {
  const refusedFile = `${job.path}.refused.csv`;
  if (job.committedRow === 0) await writeFile(refusedFile, REFUSED_CSV_HEADER, { mode: 0o600 });
  const rowCtx: RowContext = { ...ctx, columns: job.columns, headers: job.headers };
  const progress = { bytes: 0 };
  const startedAt = deps.clock();
  job.progress.startedAt ??= startedAt;
  const rowsBefore = job.report.rows;
  const unknown = new Map(job.report.unmappedCategories.map((u) => [u.text, u] as const));
  let batch: { row: number; record: TicketRecord; category: string | null }[] = [];
  let refusedLines: string[] = [];
  let rowNo = 0;
  let batchNo = Math.floor(job.committedRow / IMPORT_BATCH);

  const refuse = (r: RefusedRow) => {
    job.report.refused++;
    if (job.report.refusedSample.length < SAMPLE) job.report.refusedSample.push(r);
    refusedLines.push(refusedLine(r));
  };

  const flush = async (lastRow: number) => {
    const now = deps.clock();
    if (batch.length) {
      const rows = batch;
      const result = await ingestRecords(deps.store, rows.map((r) => r.record), now, deps.onChanges, {
        tokenId: job.tokenId ?? 'import',
        who: `${job.by} · 导入 ${job.fileName}`.slice(0, 100),
        address: null,
        digest: `import:${job.id}:${++batchNo}`,
      });
      const rejected = new Set(result.rejected.map((r) => r.index));
      for (const r of result.rejected) {
        const row = rows[r.index];
        refuse({ row: row?.row ?? lastRow, ticketNo: r.ticketNo, column: null, reason: 'invalid', params: { detail: r.error.slice(0, 300) } });
      }
      job.report.imported += result.created;
      job.report.updated += result.changed - result.created;
      job.report.unchanged += result.unchanged;
      const landed = rows.filter((_, i) => !rejected.has(i));
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
      const counts = new Map<string, number>();
      for (const r of landed) if (r.category !== null) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
      await noteUnknownCategories(deps.store.db, counts);
    }
    if (refusedLines.length) await appendFile(refusedFile, refusedLines.join(''));
    refusedLines = [];
    batch = [];
    job.committedRow = lastRow;
    job.report.unmappedCategories = [...unknown.values()].sort((a, b) => b.rows - a.rows).slice(0, 200);
    const elapsed = Math.max(1, deps.clock() - startedAt) / 1000;
    const rate = (job.report.rows - rowsBefore) / elapsed;
    const byteRate = progress.bytes / elapsed;
    job.progress.bytesRead = Math.min(job.progress.totalBytes, progress.bytes);
    job.progress.committedRows = job.report.rows;
    job.progress.rowsPerS = Math.round(rate);
    job.progress.etaS = byteRate > 0 ? Math.max(0, Math.round((job.progress.totalBytes - progress.bytes) / byteRate)) : null;
    await saveJob(deps.store.db, job);
    deps.onProgress?.(job);
  };

  // The signal is checked between rows, not given to the reader: a cancel lands the batch in hand first, so
  // what the report counts is what landed, and a resume starts right after it.
  for await (const cells of readRows({ path: job.path, format: job.format, encoding: job.encoding, bom: job.bom, delimiter: job.delimiter }, progress)) {
    rowNo++;
    if (rowNo <= job.headerRow || rowNo <= job.committedRow) continue;
    if (!cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) continue;
    job.report.rows++;
    const out = rowToRecord(cells, rowCtx);
    if (out.ok) batch.push({ row: rowNo, record: out.record, category: out.unmappedCategory });
    else refuse({ row: rowNo, ticketNo: out.ticketNo, column: out.refusal.column, reason: out.refusal.reason, ...(out.refusal.params ? { params: out.refusal.params } : {}) });
    if (batch.length >= IMPORT_BATCH || refusedLines.length >= IMPORT_BATCH || signal.aborted) {
      await flush(rowNo);
      if (signal.aborted) return;
    }
  }
  await flush(rowNo);
}
