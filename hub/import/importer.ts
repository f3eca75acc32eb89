/**
 * The hub's importer: uploads into jobs, previews, starts, cancels and resumes them, and keeps the saved
 * column mappings, the category map and the gazetteer. One job runs at a time per hub (a second start is
 * refused as busy); every job's state is in the store, so a restarted hub finds a job that was running and
 * marks it interrupted — resumable from its last landed batch.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { IMPORT_MAX_BYTES, type CategoryMap, CategoryMapEntry, CategoryMapSaved, GazetteerInfo, GazetteerLoaded, ImportEncoding, ImportJob, ImportPreview, ImportStart, SavedMapping } from '../../shared/contract/imports';
import { categoryKey } from '../../shared/import/category-map';
import { duplicateFields, missingFields } from '../../shared/import/fields';
import { Gazetteer, type GazetteerEntry } from '../../shared/import/places';
import type { TicketRecord } from '../../shared/domain/ticket';
import { ingestRecords } from '../ingest';
import type { HubStore, StoredChange } from '../store/hub-store';
import { categoryEntries, loadCategoryMap, replaceCategoryMap, ticketsUnder, unknownCategories } from './category-store';
import { decodeText, loadBuiltinGazetteer, loadCentres, parseGazetteer } from './gazetteer-file';
import { loadJob, newJob, publicJob, recentJobs, saveJob, type JobRecord } from './job-record';
import { FileRefused, previewJob } from './preview';
import { runImport } from './run-import';
import { forgetSeen } from './repeats';
import { sniff } from './sniff';
import { receiveUpload, UploadTooLarge } from './upload';

/** Times later than now by more than this are refused (clock skew between the platform and the hub). */
const FUTURE_SLACK_MS = 10 * 60_000;

export class ImportError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(reason);
  }
}

export type ImporterDeps = { store: HubStore; clock: () => number; onChanges: (c: StoredChange[]) => void; dir: string; resourcesDir: string; log: (l: string) => void };
export type Who = { tokenId: string | null; name: string };

export class Importer {
  private running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private tails = new Map<string, Uint8Array>();
  private gazetteerCache: Gazetteer | null = null;
  private centres: Map<string, readonly [number, number]> | null = null;
  private closing = false;

  private constructor(private readonly deps: ImporterDeps) {}

  static async open(deps: ImporterDeps): Promise<Importer> {
    await mkdir(deps.dir, { recursive: true, mode: 0o700 });
    const importer = new Importer(deps);
    await importer.sweep();
    // A job that was running when the hub stopped is interrupted: resumable.
    for (const j of await recentJobs(deps.store.db, 1000)) {
      if (j.state === 'running') {
        j.state = 'interrupted';
        j.error = { reason: 'import.interrupted', message: 'the hub stopped while this import ran' };
        await saveJob(deps.store.db, j);
      }
    }
    return importer;
  }

  /** Uploads previewed and never started are let go after a day (at start and with every new upload). */
  private async sweep(): Promise<void> {
    const stale = await this.deps.store.db.selectFrom('hub_import_jobs').select('body').where('state', '=', 'previewing').where('created_at', '<', this.deps.clock() - 86_400_000).execute();
    for (const row of stale) {
      const j = JSON.parse(row.body) as JobRecord;
      j.state = 'cancelled';
      await rm(j.path, { force: true });
      this.tails.delete(j.id);
      await saveJob(this.deps.store.db, j);
    }
  }

  async upload(body: Readable, fileName: string, who: Who): Promise<ImportPreview> {
    await this.sweep();
    const id = randomBytes(9).toString('base64url');
    const file = path.join(this.deps.dir, `${id}.upload`);
    let got;
    try {
      got = await receiveUpload(body, file, IMPORT_MAX_BYTES);
    } catch (e) {
      if (e instanceof UploadTooLarge) throw new ImportError(413, 'import.tooLarge', { max: '2 GiB' });
      throw e;
    }
    const sniffed = sniff(got.head, got.tail, got.size);
    if (!sniffed.ok) {
      await rm(file, { force: true });
      throw new ImportError(400, sniffed.reason, sniffed.params);
    }
    const job = newJob({ id, fileName: fileName.slice(0, 260), format: sniffed.format, encoding: sniffed.encoding, now: this.deps.clock(), by: who.name, tokenId: who.tokenId, path: file, bom: sniffed.bom, quoteOdd: got.quotes % 2 === 1, totalBytes: got.size });
    this.tails.set(id, got.tail);
    return this.preview(job);
  }

  private async preview(job: JobRecord, mappingName?: string): Promise<ImportPreview> {
    try {
      const preview = await previewJob(job, await this.mappings(), this.tails.get(job.id) ?? null, mappingName);
      await saveJob(this.deps.store.db, job);
      return preview;
    } catch (e) {
      if (!(e instanceof FileRefused)) throw e;
      job.state = 'refused';
      job.error = { reason: e.reason, ...(e.params ? { params: e.params } : {}), message: e.reason };
      await saveJob(this.deps.store.db, job);
      await rm(job.path, { force: true });
      throw new ImportError(400, e.reason, e.params);
    }
  }

  private async job(id: string): Promise<JobRecord> {
    const j = await loadJob(this.deps.store.db, id);
    if (!j) throw new ImportError(404, 'import.notFound');
    return j;
  }

  async repreview(id: string, opts: { encoding?: ImportEncoding; mappingName?: string }): Promise<ImportPreview> {
    const job = await this.job(id);
    if (job.state !== 'previewing') throw new ImportError(409, 'import.notPreviewing');
    if (opts.encoding && job.format === 'csv') job.encoding = opts.encoding;
    if (opts.mappingName && !(await this.mappings()).some((m) => m.name === opts.mappingName)) throw new ImportError(404, 'import.noSuchMapping', { name: opts.mappingName });
    const p = await this.preview(job, opts.mappingName);
    return { ...p, encodingDetected: !opts.encoding };
  }

  async start(id: string, body: ImportStart): Promise<ImportJob> {
    const job = await this.job(id);
    if (job.state !== 'previewing') throw new ImportError(409, 'import.notPreviewing');
    if (body.columns.length !== job.headers.length) throw new ImportError(400, 'import.columnCount', { n: job.headers.length });
    const missing = missingFields(body.columns);
    if (missing.length) throw new ImportError(400, 'import.missingFields', { fields: missing.join(', ') });
    const twice = duplicateFields(body.columns);
    if (twice.length) throw new ImportError(400, 'import.duplicateFields', { fields: twice.join(', ') });
    if (this.running.size) throw new ImportError(409, 'import.busy');
    if (body.encoding && job.format === 'csv') job.encoding = body.encoding;
    job.columns = [...body.columns];
    this.tails.delete(id);
    if (body.saveMappingAs) {
      const byHeader = Object.fromEntries(job.headers.map((h, i) => [h, body.columns[i] ?? null]));
      await this.deps.store.db
        .insertInto('hub_import_mappings')
        .values({ name: body.saveMappingAs, saved_at: this.deps.clock(), by_header: JSON.stringify(byHeader) })
        .onConflict((oc) => oc.column('name').doUpdateSet({ saved_at: this.deps.clock(), by_header: JSON.stringify(byHeader) }))
        .execute();
      job.mappingName = body.saveMappingAs;
    }
    return this.launch(job);
  }

  async resume(id: string): Promise<ImportJob> {
    const job = await this.job(id);
    if ((job.state !== 'cancelled' && job.state !== 'interrupted') || job.progress.startedAt === null) throw new ImportError(409, 'import.notResumable', { state: job.state });
    if (!(await stat(job.path).then(() => true, () => false))) throw new ImportError(409, 'import.notResumable', { state: job.state });
    if (this.running.size) throw new ImportError(409, 'import.busy');
    return this.launch(job);
  }

  private async launch(job: JobRecord): Promise<ImportJob> {
    job.state = 'running';
    job.error = null;
    job.progress.finishedAt = null;
    await saveJob(this.deps.store.db, job);
    const abort = new AbortController();
    const ctx = { categoryMap: await loadCategoryMap(this.deps.store.db), gazetteer: await this.gazetteer(), latestTime: this.deps.clock() + FUTURE_SLACK_MS };
    const done = runImport(job, ctx, { store: this.deps.store, clock: this.deps.clock, onChanges: this.deps.onChanges }, abort.signal)
      .then(() => {
        job.state = !abort.signal.aborted ? 'done' : this.closing ? 'interrupted' : 'cancelled';
        if (job.state === 'interrupted') job.error = { reason: 'import.interrupted', message: 'the hub stopped while this import ran' };
      })
      .catch((e: unknown) => {
        job.state = 'interrupted';
        const message = e instanceof Error ? e.message : String(e);
        job.error = { reason: 'import.unreadable', params: { detail: message.slice(0, 200) }, message: message.slice(0, 2000) };
        this.deps.log(`import ${job.id} (${job.fileName}) stopped at row ${job.committedRow}: ${message}`);
      })
      .then(async () => {
        job.progress.finishedAt = this.deps.clock();
        if (job.state === 'done') {
          job.progress.etaS = 0;
          // The upload is no longer needed once every row landed or was refused (the refused rows' CSV stays),
          // nor the numbers noted against repeats.
          await rm(job.path, { force: true }).catch(() => undefined);
          await forgetSeen(this.deps.store.db, job.id).catch(() => undefined);
        }
        await saveJob(this.deps.store.db, job).catch((e: unknown) => this.deps.log(`import ${job.id}: state not saved: ${String(e)}`));
      })
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, { abort, done });
    return publicJob(job);
  }

  async cancel(id: string): Promise<ImportJob> {
    const run = this.running.get(id);
    if (!run) {
      const job = await this.job(id);
      if (job.state === 'previewing') {
        // Never started: nothing landed, nothing to resume — the upload goes.
        job.state = 'cancelled';
        await saveJob(this.deps.store.db, job);
        await rm(job.path, { force: true });
        this.tails.delete(id);
        return publicJob(job);
      }
      throw new ImportError(409, 'import.notRunning');
    }
    run.abort.abort();
    await run.done;
    return publicJob(await this.job(id));
  }

  /** Resolves when the job is no longer running (tests, the CLI's end, the hub's close). */
  async settled(id: string): Promise<ImportJob> {
    await this.running.get(id)?.done;
    return this.get(id);
  }

  async get(id: string): Promise<ImportJob> {
    return publicJob(await this.job(id));
  }

  async list(): Promise<ImportJob[]> {
    return (await recentJobs(this.deps.store.db, 50)).map(publicJob);
  }

  async refusedCsvPath(id: string): Promise<{ path: string; fileName: string }> {
    const job = await this.job(id);
    const p = `${job.path}.refused.csv`;
    await stat(p).catch(() => {
      throw new ImportError(404, 'import.notFound');
    });
    return { path: p, fileName: `${job.fileName.replace(/\.[^.]+$/, '')}-被拒行.csv` };
  }

  async mappings(): Promise<SavedMapping[]> {
    const rows = await this.deps.store.db.selectFrom('hub_import_mappings').selectAll().orderBy('saved_at', 'desc').limit(200).execute();
    return rows.map((r) => ({ name: r.name, savedAt: r.saved_at, byHeader: JSON.parse(r.by_header) as SavedMapping['byHeader'] }));
  }

  async categoryMap(): Promise<CategoryMap> {
    const map = await loadCategoryMap(this.deps.store.db);
    return { entries: await categoryEntries(this.deps.store.db), unknown: await unknownCategories(this.deps.store.db, map) };
  }

  /** Replace the map; tickets imported under 其他 for a text now mapped move to its category (one change each). */
  async saveCategoryMap(entries: readonly CategoryMapEntry[]): Promise<CategoryMapSaved> {
    const normalised = entries.map((e) => ({ text: categoryKey(e.text), category: e.category })).filter((e) => e.text);
    const before = await loadCategoryMap(this.deps.store.db);
    await replaceCategoryMap(this.deps.store.db, normalised);
    const newly = normalised.filter((e) => before.get(e.text) !== e.category && e.category !== 'other');
    const target = new Map(newly.map((e) => [e.text, e.category]));
    let recategorised = 0;
    const tickets = await ticketsUnder(this.deps.store.db, [...target.keys()]);
    for (let i = 0; i < tickets.length; i += 1000) {
      const records: TicketRecord[] = [];
      for (const t of tickets.slice(i, i + 1000)) {
        const body = await this.deps.store.getBody(t.ticketNo);
        if (!body) continue;
        const r = JSON.parse(body) as TicketRecord;
        if (r.ticket.category !== 'other') continue;
        records.push({ ...r, ticket: { ...r.ticket, category: target.get(t.text)! } });
      }
      recategorised += (await ingestRecords(this.deps.store, records, this.deps.clock(), this.deps.onChanges)).changed;
    }
    return { ...(await this.categoryMap()), recategorised };
  }

  private async gazetteer(): Promise<Gazetteer> {
    if (this.gazetteerCache) return this.gazetteerCache;
    this.centres ??= await loadCentres(this.deps.resourcesDir);
    const loaded = await this.deps.store.db.selectFrom('hub_gazetteer').select('entries').where('id', '=', 1).executeTakeFirst();
    const builtin = await loadBuiltinGazetteer(this.deps.resourcesDir);
    // The centre's own entries first: on a repeated name they win.
    const entries = [...(loaded ? (JSON.parse(loaded.entries) as GazetteerEntry[]) : []), ...builtin];
    this.gazetteerCache = new Gazetteer(entries, this.centres);
    return this.gazetteerCache;
  }

  async gazetteerInfo(): Promise<GazetteerInfo> {
    const g = await this.gazetteer();
    const row = await this.deps.store.db.selectFrom('hub_gazetteer').select(['source', 'loaded_at']).where('id', '=', 1).executeTakeFirst();
    return { entries: g.size, byKind: { ...g.byKind }, source: row?.source ?? 'builtIn', loadedAt: row?.loaded_at ?? null };
  }

  async loadGazetteer(bytes: Uint8Array, fileName: string): Promise<GazetteerLoaded> {
    const parsed = parseGazetteer(decodeText(bytes));
    if (parsed.entries.length) {
      await this.deps.store.db
        .insertInto('hub_gazetteer')
        .values({ id: 1, source: fileName.slice(0, 260), loaded_at: this.deps.clock(), entries: JSON.stringify(parsed.entries) })
        .onConflict((oc) => oc.column('id').doUpdateSet({ source: fileName.slice(0, 260), loaded_at: this.deps.clock(), entries: JSON.stringify(parsed.entries) }))
        .execute();
      this.gazetteerCache = null;
    }
    return { ...(await this.gazetteerInfo()), refused: parsed.refused, refusedCount: parsed.refusedCount };
  }

  /** Stop a running job (its batch in hand lands first) and wait for it: the hub's close. */
  async close(): Promise<void> {
    this.closing = true;
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }
}
