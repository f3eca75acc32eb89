/**
 * imports.*: 导入工单 and its tables (分类对照, 地名库). The import itself runs at the hub; this console takes the
 * chosen file from the screen in pieces into a temporary file, streams it to the hub, and passes the chair's
 * corrections, the progress and the report back and forth. Only the command centre's console imports: a
 * station's refuses with chairOnly (the hub refuses any token but the chair's as well). Every call needs the hub.
 */
import type { ImportPreview, LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import { RpcError } from '../../../shared/rpc/errors';
import type { ImportHub } from '../imports/import-hub';
import type { UploadStore } from '../imports/uploads';

type Method = Extract<keyof LiandongContract['methods'], `imports.${string}`>;
type H<M extends Method> = Handler<LiandongContract, M>;
export type ImportHandlers = { [M in Method]: H<M> };

/** A preview stays answerable this long after it came (a screen whose call timed out while a large file went to
 * the hub asks again with the same upload). */
const PREVIEW_KEPT_MS = 10 * 60_000;

export function importHandlers(deps: { hub: ImportHub; uploads: UploadStore; role: 'console' | 'station'; log?: (line: string) => void }): ImportHandlers {
  const { hub, uploads } = deps;
  const chair = () => {
    if (deps.role !== 'console') throw new RpcError('unauthorized', "imports are the command centre's: this is a station's console", { reason: 'chairOnly' });
  };
  /** One transfer per upload; asking again while it goes (or soon after) gets the same answer. */
  const previews = new Map<string, Promise<ImportPreview>>();
  const send = (uploadId: string): Promise<ImportPreview> => {
    const going = previews.get(uploadId);
    if (going) return going;
    const p = (async () => {
      const u = await uploads.complete(uploadId);
      try {
        const preview = await hub.upload(u);
        await uploads.discard(uploadId);
        return preview;
      } catch (e) {
        // Out of reach: kept, to be sent again. Refused by the hub (not a spreadsheet, truncated …): gone.
        if (e instanceof RpcError && e.code === 'unavailable' && e.reason !== 'hubInternal') uploads.release(uploadId);
        else await uploads.discard(uploadId);
        throw e;
      }
    })();
    previews.set(uploadId, p);
    p.then(
      () => setTimeout(() => previews.delete(uploadId), PREVIEW_KEPT_MS).unref(),
      () => previews.delete(uploadId),
    );
    return p;
  };
  const guarded = <M extends Method>(f: H<M>): H<M> => ((input, ctx) => (chair(), f(input, ctx))) as H<M>;

  const handlers: ImportHandlers = {
    'imports.begin': async ({ fileName, size }) => {
      // Refused before any byte moves: a file of 200 MB is not uploaded to the console for nothing.
      if (!hub.connected) throw new RpcError('unavailable', 'imports are done at the hub: offline now', { reason: 'offlineHubNeeded' });
      return { uploadId: await uploads.begin(fileName, size) };
    },
    'imports.chunk': async ({ uploadId, offset, data }) => ({ received: await uploads.chunk(uploadId, offset, data) }),
    'imports.preview': ({ uploadId }) => send(uploadId),
    'imports.repreview': ({ jobId, encoding, mappingName }) => hub.preview(jobId, { ...(encoding ? { encoding } : {}), ...(mappingName ? { mappingName } : {}) }),
    'imports.start': ({ jobId, ...start }) => hub.start(jobId, start),
    'imports.get': ({ jobId }) => hub.get(jobId),
    'imports.cancel': ({ jobId }) => hub.cancel(jobId),
    'imports.resume': ({ jobId }) => hub.resume(jobId),
    'imports.list': () => hub.list(),
    'imports.refusedCsv': ({ jobId }) => hub.refusedCsv(jobId),
    'imports.mappings': () => hub.mappings(),
    'imports.categoryMap': () => hub.categoryMap(),
    'imports.saveCategoryMap': ({ entries }) => hub.saveCategoryMap(entries),
    'imports.gazetteer': () => hub.gazetteer(),
    'imports.loadGazetteer': ({ fileName, csv }) => hub.loadGazetteer(fileName, csv),
  };
  return Object.fromEntries(Object.entries(handlers).map(([m, f]) => [m, guarded(f as H<Method>)])) as ImportHandlers;
}
