/**
 * The preview of an uploaded file: its header row (the first of the first 30 rows naming at least two known
 * fields — exports often open with a title line), each column's guessed field (a saved mapping with the same
 * headers wins over the synonyms), and the first rows as read. A file without such a row, or a CSV cut off
 * (it ends inside a quoted field, or mid-row without its last line's columns), is refused as a whole.
 */
import type { ImportColumn, ImportPreview, SavedMapping } from '../../shared/contract/imports';
import { guessColumns, headerKey, knownHeaderCount } from '../../shared/import/header-synonyms';
import type { ImportField } from '../../shared/import/fields';
import { cellText, type Cell } from '../../shared/import/row-to-record';
import { parseBeijingTime } from '../../shared/import/beijing-time';
import { publicJob, type JobRecord } from './job-record';
import { delimiterOf, readRows } from './read-rows';
import iconv from 'iconv-lite';

export const HEADER_SCAN_ROWS = 30;
const PREVIEW_ROWS = 10;

const TIME_FIELDS = new Set<ImportField | null>(['receivedAt', 'deadlineAt', 'resolvedAt']);
function shownCell(c: Cell, field: ImportField | null): string {
  if (typeof c === 'number' && TIME_FIELDS.has(field)) {
    const ms = parseBeijingTime(c);
    if (ms !== null) return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  }
  return cellText(c).slice(0, 500);
}

export class FileRefused extends Error {
  constructor(
    readonly reason: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(reason);
  }
}

/** The mapping whose headers are exactly this file's (in any order), else the named one. */
export function chooseMapping(headers: readonly string[], mappings: readonly SavedMapping[], name?: string): SavedMapping | undefined {
  if (name) return mappings.find((m) => m.name === name);
  const keys = new Set(headers.filter(Boolean).map(headerKey));
  return mappings.find((m) => {
    const mk = new Set(Object.keys(m.byHeader).map(headerKey));
    return mk.size === keys.size && [...keys].every((k) => mk.has(k));
  });
}

export function columnsOf(headers: readonly string[], mapping: SavedMapping | undefined): ImportColumn[] {
  const guessed = guessColumns(headers);
  const byKey = new Map(Object.entries(mapping?.byHeader ?? {}).map(([h, f]) => [headerKey(h), f] as const));
  return headers.map((header, index) => {
    const k = headerKey(header);
    if (mapping && byKey.has(k)) return { index, header, field: byKey.get(k) ?? null, by: 'mapping' as const };
    const field = guessed[index] ?? null;
    return { index, header, field, by: field ? ('synonym' as const) : ('none' as const) };
  });
}

/** Reads the file's start, finds the header; sets the job's headerRow, headers, delimiter, columns. */
export async function previewJob(job: JobRecord, mappings: readonly SavedMapping[], tail: Uint8Array | null, mappingName?: string): Promise<ImportPreview> {
  if (job.format === 'csv') {
    // An odd count of quotes in a file that also stops mid-line: cut inside a quoted field. (An odd count in a
    // file that ends its last line is a stray quote in a field — csv-parse keeps it as text.)
    const last = tail?.[tail.length - 1];
    if (job.quoteOdd && last !== 0x0a && last !== 0x0d) throw new FileRefused('import.truncated');
    job.delimiter = await firstLineDelimiter(job);
  }
  const raw: Cell[][] = [];
  const rows: string[][] = [];
  const progress = { bytes: 0 };
  const stop = new AbortController();
  try {
    for await (const cells of readRows({ path: job.path, format: job.format, encoding: job.encoding, bom: job.bom, delimiter: job.delimiter }, progress, stop.signal)) {
      raw.push(cells);
      rows.push(cells.map((c) => cellText(c).slice(0, 500)));
      if (rows.length >= HEADER_SCAN_ROWS + PREVIEW_ROWS) break;
    }
  } catch (e) {
    if (!stop.signal.aborted) throw new FileRefused('import.unreadable', { detail: String((e as Error).message ?? e).slice(0, 200) });
  } finally {
    stop.abort();
  }
  let headerAt = -1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    if (knownHeaderCount(rows[i]!) >= 2) {
      headerAt = i;
      break;
    }
  }
  // A ZIP that is not a workbook (no worksheet): not a spreadsheet.
  if (job.format === 'xlsx' && rows.length === 0) throw new FileRefused('import.notSpreadsheet', { kind: 'ZIP' });
  if (headerAt < 0) throw new FileRefused('import.noColumns', { rows: HEADER_SCAN_ROWS });
  const headers = rows[headerAt]!.map((h) => h.trim());
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  if (job.format === 'csv' && tail && isCutMidRow(tail, job, headers.length)) throw new FileRefused('import.truncated');
  const mapping = chooseMapping(headers, mappings, mappingName);
  const columns = columnsOf(headers, mapping);
  job.headerRow = headerAt + 1;
  job.headers = headers;
  job.columns = columns.map((c) => c.field);
  job.mappingName = mapping?.name ?? null;
  return {
    jobId: job.id,
    fileName: job.fileName,
    format: job.format,
    encoding: job.encoding,
    encodingDetected: true,
    headerRow: job.headerRow,
    columns,
    // A workbook's time cells are serial days: shown as the times they are.
    rows: raw.slice(headerAt + 1, headerAt + 1 + PREVIEW_ROWS).map((r) => headers.map((_, i) => shownCell(r[i], columns[i]?.field ?? null))),
    mappingName: job.mappingName,
    totalBytes: publicJob(job).progress.totalBytes,
  };
}

async function firstLineDelimiter(job: JobRecord): Promise<string> {
  const { open } = await import('node:fs/promises');
  const fh = await open(job.path, 'r');
  try {
    const buf = Buffer.alloc(16 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, job.bom);
    const text = iconv.decode(buf.subarray(0, bytesRead), job.encoding ?? 'utf-8');
    // The first line with content (a title line has no delimiters; take the first line that has some).
    const lines = text.split(/\r?\n/).slice(0, 30);
    return delimiterOf(lines.find((l) => /[,\t;]/.test(l)) ?? lines[0] ?? '');
  } finally {
    await fh.close();
  }
}

/** A CSV that does not end with a line break and whose last line has fewer columns than the header: cut off. */
function isCutMidRow(tail: Uint8Array, job: JobRecord, columns: number): boolean {
  const last = tail[tail.length - 1];
  if (last === 0x0a || last === 0x0d) return false;
  const text = iconv.decode(Buffer.from(tail), job.encoding ?? 'utf-8');
  const line = text.slice(text.lastIndexOf('\n') + 1);
  // Quoted fields may hold delimiters: count only when the line has no quotes.
  if (line.includes('"')) return false;
  return line.split(job.delimiter).length < columns;
}

export type { ImportField };
