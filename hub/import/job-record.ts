/**
 * An import job as the hub keeps it: the public ImportJob (what the API answers) and what the runner needs
 * (the uploaded file, its header row and headers, the columns chosen), stored as one JSON row per job so any
 * hub process can answer for it.
 */
import type { ImportEncoding, ImportFormat, ImportJob, ImportReport } from '../../shared/contract/imports';
import type { ImportField } from '../../shared/import/fields';
import type { HubDb } from '../store/hub-store';

export type JobRecord = ImportJob & {
  path: string;
  tokenId: string | null;
  headerRow: number;
  headers: string[];
  columns: (ImportField | null)[];
  bom: number;
  delimiter: string;
  /** Whether the CSV ends inside a quoted field (an odd count of quote bytes): cut off. */
  quoteOdd: boolean;
  /** The last row whose batch landed (a resume skips up to it). */
  committedRow: number;
};

export const emptyReport = (): ImportReport => ({ rows: 0, imported: 0, updated: 0, unchanged: 0, refused: 0, unplaced: 0, approximate: 0, otherCategory: 0, unmappedCategories: [], refusedSample: [] });

export function newJob(p: { id: string; fileName: string; format: ImportFormat; encoding: ImportEncoding | null; now: number; by: string; tokenId: string | null; path: string; bom: number; quoteOdd: boolean; totalBytes: number }): JobRecord {
  return {
    id: p.id,
    fileName: p.fileName,
    format: p.format,
    encoding: p.encoding,
    state: 'previewing',
    createdAt: p.now,
    by: p.by,
    mappingName: null,
    progress: { bytesRead: 0, totalBytes: p.totalBytes, committedRows: 0, rowsPerS: 0, etaS: null, startedAt: null, finishedAt: null },
    report: emptyReport(),
    error: null,
    path: p.path,
    tokenId: p.tokenId,
    headerRow: 1,
    headers: [],
    columns: [],
    bom: p.bom,
    delimiter: ',',
    quoteOdd: p.quoteOdd,
    committedRow: 0,
  };
}

/** The public part. */
export function publicJob(j: JobRecord): ImportJob {
  const { path: _p, tokenId: _t, headerRow: _h, headers: _hs, columns: _c, bom: _b, delimiter: _d, quoteOdd: _q, committedRow: _r, ...job } = j;
  return job;
}

export async function saveJob(db: HubDb, j: JobRecord): Promise<void> {
  const body = JSON.stringify(j);
  await db
    .insertInto('hub_import_jobs')
    .values({ id: j.id, created_at: j.createdAt, state: j.state, token_id: j.tokenId, body })
    .onConflict((oc) => oc.column('id').doUpdateSet({ state: j.state, body }))
    .execute();
}

export async function loadJob(db: HubDb, id: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('hub_import_jobs').select('body').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.body) as JobRecord) : undefined;
}

export async function recentJobs(db: HubDb, limit: number): Promise<JobRecord[]> {
  const rows = await db.selectFrom('hub_import_jobs').select('body').orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => JSON.parse(r.body) as JobRecord);
}
