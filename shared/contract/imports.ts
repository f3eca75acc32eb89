/**
 * 导入工单 (imports): the shapes the hub's import API answers with (docs/hub-protocol.md, "Imports") and the
 * console's methods over them. The hub does the import, so every console sees the tickets through the normal
 * sync; the console (chair) uploads the file, corrects the column mapping on a preview, follows the progress
 * and reads the report.
 */
import { z } from 'zod';
import { ImportField } from '../import/fields';
import { ErrorParams, ErrorReason } from '../rpc/errors';

/** Largest file the hub takes: a 1,000,000-row export is ~210 MB as CSV. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;

const id = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/);
const count = z.number().int().nonnegative();
const name = z.string().trim().min(1).max(60);

export const ImportFormat = z.enum(['csv', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormat>;
/** GBK files are read as GB18030 (its superset). */
export const ImportEncoding = z.enum(['utf-8', 'gb18030']);
export type ImportEncoding = z.infer<typeof ImportEncoding>;

export const ImportColumn = z.object({
  /** 0-based position in the file. */
  index: count,
  header: z.string().max(200),
  /** The field it maps to (guessed from the header, or from a saved mapping), null: ignored. */
  field: ImportField.nullable(),
  /** How field was chosen: a known header, a saved mapping, or nothing matched. */
  by: z.enum(['synonym', 'mapping', 'none']),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

/** What the chair sees before anything lands: the columns with their guessed meaning and the first rows. */
export const ImportPreview = z.object({
  jobId: id,
  fileName: z.string().max(260),
  format: ImportFormat,
  /** CSV only (a workbook has no encoding to choose). */
  encoding: ImportEncoding.nullable(),
  /** Whether encoding was detected (false: chosen by the user). */
  encodingDetected: z.boolean(),
  /** 1-based row of the header (exports often start with a title line). */
  headerRow: z.number().int().positive(),
  columns: z.array(ImportColumn).max(500),
  /** The first data rows, cell text as read (before normalising), one array per row. */
  rows: z.array(z.array(z.string().max(500))).max(20),
  /** The saved mapping applied, if one matched the headers. */
  mappingName: name.nullable(),
  totalBytes: count,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** Start (or restart with corrections) an uploaded import: the field of each column, by position. */
export const ImportStart = z.object({
  columns: z.array(ImportField.nullable()).min(1).max(500),
  /** Save this mapping under a name for the next file with the same headers. */
  saveMappingAs: name.optional(),
  encoding: ImportEncoding.optional(),
});
export type ImportStart = z.infer<typeof ImportStart>;

/** Why one row was refused: its row number in the file (1-based, as a spreadsheet shows it), the column, and
 * a reason (a key of import.refused.*) with its parameters. */
export const RefusedRow = z.object({
  row: z.number().int().positive(),
  ticketNo: z.string().max(64).nullable(),
  column: z.string().max(200).nullable(),
  reason: ErrorReason,
  params: ErrorParams.optional(),
});
export type RefusedRow = z.infer<typeof RefusedRow>;

export const UnmappedCategory = z.object({
  /** The platform's category text, as the map keys it ("城乡建设/物业管理" or "物业管理"). */
  text: z.string().max(200),
  rows: count,
  /** Our category a keyword suggests; never applied without the chair. */
  suggestion: z.string().max(64).nullable(),
});
export type UnmappedCategory = z.infer<typeof UnmappedCategory>;

export const ImportReport = z.object({
  /** Data rows read so far (after the header). */
  rows: count,
  /** New tickets. */
  imported: count,
  /** Tickets the hub held that this row changed (one change each). */
  updated: count,
  /** Rows identical to what the hub holds. */
  unchanged: count,
  refused: count,
  /** Imported without a point on the map (未定位). */
  unplaced: count,
  /** Placed from the address (compound, community or sub-district centre), not exact. */
  approximate: count,
  /** Rows imported under 其他 because their category text is not in the category map. */
  otherCategory: count,
  unmappedCategories: z.array(UnmappedCategory).max(200),
  /** The first refused rows (all of them are in the refused-rows CSV). */
  refusedSample: z.array(RefusedRow).max(100),
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * A job's state: previewing (uploaded, not started), running, done, cancelled (by the user; what landed
 * stays and the job can be resumed), interrupted (failed part-way or the hub stopped: resumable), refused
 * (the file as a whole: not a spreadsheet, truncated, no recognisable columns — nothing landed).
 */
export const ImportState = z.enum(['previewing', 'running', 'done', 'cancelled', 'interrupted', 'refused']);
export type ImportState = z.infer<typeof ImportState>;

export const ImportProgress = z.object({
  bytesRead: count,
  totalBytes: count,
  /** Rows whose batch has landed: a resume starts after these. */
  committedRows: count,
  rowsPerS: z.number().nonnegative(),
  /** Estimated seconds left (null until there is a rate). */
  etaS: z.number().nonnegative().nullable(),
  startedAt: count.nullable(),
  finishedAt: count.nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportJob = z.object({
  id,
  fileName: z.string().max(260),
  format: ImportFormat,
  encoding: ImportEncoding.nullable(),
  state: ImportState,
  createdAt: count,
  /** The token's name that uploaded it. */
  by: z.string().max(100),
  mappingName: name.nullable(),
  progress: ImportProgress,
  report: ImportReport,
  /** Why the file was refused as a whole, or why the job stopped. */
  error: z.object({ reason: ErrorReason, params: ErrorParams.optional(), message: z.string().max(2000) }).nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const SavedMapping = z.object({
  name,
  /** Field by header text (so a file with the same headers in another order still matches). */
  byHeader: z.record(z.string().max(200), ImportField.nullable()),
  savedAt: count,
});
export type SavedMapping = z.infer<typeof SavedMapping>;

/** 分类对照: the platform's category text → our category code. */
export const CategoryMapEntry = z.object({ text: z.string().trim().min(1).max(200), category: z.string().trim().min(1).max(64) });
export type CategoryMapEntry = z.infer<typeof CategoryMapEntry>;
export const CategoryMap = z.object({
  entries: z.array(CategoryMapEntry).max(5000),
  /** Texts seen in imports that the map does not know, most rows first. */
  unknown: z.array(UnmappedCategory).max(500),
});
export type CategoryMap = z.infer<typeof CategoryMap>;
export const CategoryMapSave = z.object({ entries: z.array(CategoryMapEntry).max(5000) });
/** After a save: how many tickets imported under 其他 moved to their newly mapped category. */
export const CategoryMapSaved = CategoryMap.extend({ recategorised: count });
export type CategoryMapSaved = z.infer<typeof CategoryMapSaved>;

/** 地名库 (gazetteer): place name → point, loaded by the centre as CSV (名称,经度,纬度[,类型][,街道]). */
export const GazetteerKind = z.enum(['compound', 'road', 'landmark', 'community']);
export const GazetteerInfo = z.object({
  entries: count,
  byKind: z.record(GazetteerKind, count),
  /** 'builtIn': the one Liandong ships; otherwise the name of the file the centre loaded. */
  source: z.string().max(260),
  loadedAt: count.nullable(),
});
export type GazetteerInfo = z.infer<typeof GazetteerInfo>;
export const GazetteerLoaded = GazetteerInfo.extend({ refused: z.array(RefusedRow).max(100), refusedCount: count });
export type GazetteerLoaded = z.infer<typeof GazetteerLoaded>;

/** The console's methods (chair; each asks the hub, so each needs it online). */
export const importMethods = {
  /** Begin an upload of a file the user chose; chunks follow, then `imports.preview`. */
  'imports.begin': { input: z.object({ fileName: z.string().min(1).max(260), size: count.max(IMPORT_MAX_BYTES) }), output: z.object({ uploadId: id }) },
  /** One piece of the file, in order (base64, at most 1 MiB of bytes). */
  'imports.chunk': { input: z.object({ uploadId: id, offset: count, data: z.string().max(1_400_000) }), output: z.object({ received: count }) },
  /** The whole file is here: hand it to the hub and answer its preview. */
  'imports.preview': { input: z.object({ uploadId: id }), output: ImportPreview },
  /** Read again with another encoding (CSV) or a saved mapping. */
  'imports.repreview': { input: z.object({ jobId: id, encoding: ImportEncoding.optional(), mappingName: name.optional() }), output: ImportPreview },
  'imports.start': { input: ImportStart.extend({ jobId: id }), output: ImportJob },
  'imports.get': { input: z.object({ jobId: id }), output: ImportJob },
  'imports.cancel': { input: z.object({ jobId: id }), output: ImportJob },
  'imports.resume': { input: z.object({ jobId: id }), output: ImportJob },
  'imports.list': { input: z.object({}).strict(), output: z.object({ jobs: z.array(ImportJob).max(50) }) },
  /** The refused rows with their reasons, as CSV text (UTF-8 with BOM, for Excel). */
  'imports.refusedCsv': { input: z.object({ jobId: id }), output: z.object({ fileName: z.string(), csv: z.string() }) },
  'imports.mappings': { input: z.object({}).strict(), output: z.object({ mappings: z.array(SavedMapping).max(200) }) },
  'imports.categoryMap': { input: z.object({}).strict(), output: CategoryMap },
  'imports.saveCategoryMap': { input: CategoryMapSave, output: CategoryMapSaved },
  'imports.gazetteer': { input: z.object({}).strict(), output: GazetteerInfo },
  /** Load a gazetteer CSV (replaces the loaded one; the built-in one stays underneath). */
  'imports.loadGazetteer': { input: z.object({ fileName: z.string().min(1).max(260), csv: z.string().max(20_000_000) }), output: GazetteerLoaded },
};
