/**
 * The import routes of the hub's HTTP API (chair and ingest tokens; see docs/hub-protocol.md, "Imports"):
 *   POST /imports?fileName=…            upload (raw bytes) → 201 ImportPreview
 *   POST /imports/:id/preview           {encoding?, mappingName?} → ImportPreview
 *   POST /imports/:id/start             ImportStart → ImportJob
 *   GET  /imports/:id                   ImportJob        POST /imports/:id/cancel | /resume → ImportJob
 *   GET  /imports                       {jobs}           GET  /imports/:id/refused.csv → text/csv
 *   GET  /import-mappings               {mappings}
 *   GET  /category-map                  CategoryMap      PUT  /category-map  CategoryMapSave → CategoryMapSaved
 *   GET  /gazetteer                     GazetteerInfo    PUT  /gazetteer?fileName=… (CSV bytes) → GazetteerLoaded
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CategoryMapSave, ImportEncoding, ImportStart } from '../../shared/contract/imports';
import { isKnownCategory } from '../../shared/import/category-map';
import type { HubIdentity } from '../../shared/hub-protocol';
import { describeZodError } from '../../shared/rpc/errors';
import { ImportError, type Importer } from './importer';

const JSON_LIMIT = 4 * 1024 * 1024;
const GAZETTEER_LIMIT = 32 * 1024 * 1024;
const RePreview = z.object({ encoding: ImportEncoding.optional(), mappingName: z.string().trim().min(1).max(60).optional() }).strict();

async function readBytes(req: IncomingMessage, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new ImportError(413, 'import.tooLarge', { max: `${Math.round(max / 1024 / 1024)} MiB` });
    parts.push(c as Buffer);
  }
  return Buffer.concat(parts);
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const text = (await readBytes(req, JSON_LIMIT)).toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new ImportError(400, 'invalidInput');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw Object.assign(new ImportError(400, 'invalidInput'), { message: describeZodError(parsed.error) });
  return parsed.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
const fileNameOf = (url: URL) => (url.searchParams.get('fileName') ?? 'upload').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 260) || 'upload';

/** Handles an import route (`route` is "METHOD /path" under /api/v1); false when it is not one. */
export async function handleImportRoute(importer: Importer, who: () => HubIdentity, route: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const m = /^(GET|POST|PUT) \/(imports|import-mappings|category-map|gazetteer)(?:\/([A-Za-z0-9_-]{6,40}))?(?:\/(preview|start|cancel|resume|refused\.csv))?$/.exec(route);
  if (!m) return false;
  const [, method, area, id, verb] = m;
  const identity = who();
  if (identity.role !== 'chair' && identity.role !== 'ingest') throw new ImportError(403, 'import.roleCannotImport', { role: identity.role });
  // The feed's token may import; changing the district's tables (category map, gazetteer) is the chair's.
  if (method === 'PUT' && identity.role !== 'chair') throw new ImportError(403, 'chairOnly');
  const by = { tokenId: identity.id, name: identity.name };
  const key = `${method} ${area}${id ? '/:id' : ''}${verb ? `/${verb}` : ''}`;
  switch (key) {
    case 'POST imports':
      send(res, 201, await importer.upload(req, fileNameOf(url), by));
      return true;
    case 'GET imports':
      send(res, 200, { jobs: await importer.list() });
      return true;
    case 'POST imports/:id/preview':
      send(res, 200, await importer.repreview(id!, await readJson(req, RePreview)));
      return true;
    case 'POST imports/:id/start':
      send(res, 200, await importer.start(id!, await readJson(req, ImportStart)));
      return true;
    case 'GET imports/:id':
      send(res, 200, await importer.get(id!));
      return true;
    case 'POST imports/:id/cancel':
      send(res, 200, await importer.cancel(id!));
      return true;
    case 'POST imports/:id/resume':
      send(res, 200, await importer.resume(id!));
      return true;
    case 'GET imports/:id/refused.csv': {
      const f = await importer.refusedCsvPath(id!);
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`, 'Cache-Control': 'no-store' });
      createReadStream(f.path).on('error', () => res.destroy()).pipe(res);
      return true;
    }
    case 'GET import-mappings':
      send(res, 200, { mappings: await importer.mappings() });
      return true;
    case 'GET category-map':
      send(res, 200, await importer.categoryMap());
      return true;
    case 'PUT category-map': {
      const body = await readJson(req, CategoryMapSave);
      const bad = body.entries.find((e) => !isKnownCategory(e.category));
      if (bad) throw new ImportError(400, 'import.badCategory', { text: bad.text.slice(0, 60) });
      send(res, 200, await importer.saveCategoryMap(body.entries));
      return true;
    }
    case 'GET gazetteer':
      send(res, 200, await importer.gazetteerInfo());
      return true;
    case 'PUT gazetteer':
      send(res, 200, await importer.loadGazetteer(await readBytes(req, GAZETTEER_LIMIT), fileNameOf(url)));
      return true;
    default:
      throw new ImportError(404, 'import.notFound');
  }
}
