/**
 * The rows of an uploaded file, streamed (a million rows never sit in memory): CSV through csv-parse after
 * iconv-lite decodes it (UTF-8 or GB18030), XLSX through exceljs's streaming reader (its first worksheet,
 * shared strings cached, styles ignored — dates then come as Excel serial days, which the time reader knows).
 * Each row is its cells, in column order; `progress.bytes` counts the file's bytes read so far.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from './exceljs';
import iconv from 'iconv-lite';
import type { ImportEncoding, ImportFormat } from '../../shared/contract/imports';
import type { Cell } from '../../shared/import/row-to-record';

export type ReadProgress = { bytes: number };
export type RowSource = { path: string; format: ImportFormat; encoding: ImportEncoding | null; bom: number; delimiter?: string };

export function readRows(src: RowSource, progress: ReadProgress, signal?: AbortSignal): AsyncGenerator<Cell[]> {
  return src.format === 'xlsx' ? readXlsx(src.path, progress, signal) : readCsv(src, progress, signal);
}

/** The delimiter of a CSV's first line: comma, tab or semicolon, whichever it has most of. */
export function delimiterOf(firstLine: string): string {
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

async function* readCsv(src: RowSource, progress: ReadProgress, signal?: AbortSignal): AsyncGenerator<Cell[]> {
  const file = createReadStream(src.path, { start: src.bom, highWaterMark: 256 * 1024, signal });
  file.on('data', (b) => (progress.bytes += b.length));
  const parser = parse({ delimiter: src.delimiter ?? ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: false });
  const text = file.pipe(iconv.decodeStream(src.encoding ?? 'utf-8'));
  text.on('error', (e) => parser.destroy(e));
  file.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  try {
    for await (const record of parser) yield record as string[];
  } finally {
    file.destroy();
  }
}

/** A workbook cell's value as a plain cell: rich text joined, a formula's result, a hyperlink's text. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return plainCell(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.formula !== undefined) return null;
    if (o.error) return null;
  }
  return String(v);
}

async function* readXlsx(path: string, progress: ReadProgress, signal?: AbortSignal): AsyncGenerator<Cell[]> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024, signal });
  file.on('data', (b) => (progress.bytes += b.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      let last = 0;
      for await (const row of sheet as AsyncIterable<{ number: number; values: unknown }>) {
        // exceljs skips empty rows; keep spreadsheet row numbers by yielding empty ones in between.
        for (let n = last + 1; n < row.number; n++) yield [];
        last = row.number;
        const values = row.values as unknown[];
        const cells: Cell[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = plainCell(values[i]);
        yield cells;
      }
      // The first worksheet only: the exports put their tickets there.
      break;
    }
  } finally {
    file.destroy();
  }
}
