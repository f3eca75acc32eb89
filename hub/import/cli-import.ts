/**
 * `npm run hub -- import FILE [--mapping NAME] [--encoding utf-8|gbk] [--set HEADER=FIELD …] [--save-mapping NAME]`
 * and `npm run hub -- import resume ID`: the operator's import, run by the RUNNING hub (the only writer of its
 * store, so every console gets the tickets through the normal sync). The command uploads the file over the
 * hub's API, prints the preview's columns, starts, draws a progress bar with rows/s and the time left, and ends
 * with the report and the refused rows saved beside the file. Ctrl-C cancels; the rows that landed stay and
 * `import resume ID` goes on. The token: LIANDONG_HUB_TOKEN (chair or ingest), or one the command issues itself
 * in the hub's store for this run (ingest, one day) and revokes at the end.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ImportJob, ImportPreview, type ImportStart } from '../../shared/contract/imports';
import { IMPORT_FIELDS, type ImportField } from '../../shared/import/fields';
import { translate } from '../../shared/i18n/catalogue';
import { headerKey } from '../../shared/import/header-synonyms';

export type CliHub = { url: string; token: string; ca?: string };
type Out = { out: (l: string) => void; progress: (l: string) => void };

class HubAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { reason?: string; params?: Record<string, string | number>; message?: string } },
  ) {
    super(body.error?.message ?? `HTTP ${status}`);
  }
}

function words(e: unknown): string {
  if (e instanceof HubAnswer && e.body.error?.reason) {
    const key = `err.${e.body.error.reason}` as Parameters<typeof translate>[1];
    const zh = translate('zh-CN', key, e.body.error.params);
    return zh === key ? (e.body.error.message ?? e.message) : `${zh} (${translate('en', key, e.body.error.params)})`;
  }
  return e instanceof Error ? e.message : String(e);
}

function request(hub: CliHub, method: string, p: string, body?: NodeJS.ReadableStream | string, headers: Record<string, string> = {}): Promise<{ status: number; res: http.IncomingMessage }> {
  const u = new URL(`${hub.url}/api/v1${p}`);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method, headers: { Authorization: `Bearer ${hub.token}`, ...headers }, ...(hub.ca ? { ca: hub.ca } : {}) }, (res) => resolve({ status: res.statusCode ?? 0, res }));
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'string') req.end(body);
    else body.pipe(req);
  });
}

async function json(hub: CliHub, method: string, p: string, body?: NodeJS.ReadableStream | string, headers: Record<string, string> = {}): Promise<unknown> {
  const { status, res } = await request(hub, method, p, body, typeof body === 'string' ? { 'Content-Type': 'application/json', ...headers } : headers);
  const parts: Buffer[] = [];
  for await (const c of res) parts.push(c as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`the hub answered HTTP ${status} with something that is not JSON`);
  }
  if (status >= 400) throw new HubAnswer(status, parsed as HubAnswer['body']);
  return parsed;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const clock = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export function progressLine(job: ImportJob): string {
  const { bytesRead, totalBytes, rowsPerS, etaS } = job.progress;
  const share = totalBytes ? Math.min(1, bytesRead / totalBytes) : 0;
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
  return `[${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${fmt(job.report.rows)} 行 rows  ${fmt(rowsPerS)} 行/秒 rows/s  ${etaS === null ? '--:--' : clock(etaS)} 剩余 left`;
}

export function reportLines(job: ImportJob): string[] {
  const r = job.report;
  const lines = [
    `导入${job.state === 'done' ? '完成' : job.state === 'cancelled' ? '已取消' : '中断'} (import ${job.state}): ${job.fileName}`,
    `  读取 read ${fmt(r.rows)}  新增 imported ${fmt(r.imported)}  更新 updated ${fmt(r.updated)}  未变 unchanged ${fmt(r.unchanged)}  拒绝 refused ${fmt(r.refused)}`,
    `  未定位 unplaced ${fmt(r.unplaced)}  按地址估计定位 approximate ${fmt(r.approximate)}  归入其他 under 其他 ${fmt(r.otherCategory)}`,
  ];
  if (r.unmappedCategories.length) lines.push(`  未对照的分类 unmapped categories (设置 → 导入工单 → 分类对照): ${r.unmappedCategories.slice(0, 8).map((u) => `${u.text} ×${u.rows}`).join('，')}`);
  for (const f of r.refusedSample.slice(0, 5)) lines.push(`  第 ${f.row} 行 row${f.column ? ` 「${f.column}」` : ''}: ${translate('zh-CN', `import.refused.${f.reason}` as Parameters<typeof translate>[1], f.params)}`);
  if (job.error) lines.push(`  ${translate('zh-CN', `err.${job.error.reason}` as Parameters<typeof translate>[1], job.error.params)}`);
  return lines;
}

/** `--set HEADER=FIELD`: correct a column by its header (or #N, 1-based). Returns the columns and which were set. */
export function applySets(preview: ImportPreview, sets: readonly string[]): { columns: (ImportField | null)[]; set: Set<number> } {
  const columns = preview.columns.map((c) => c.field);
  const set = new Set<number>();
  for (const s of sets) {
    const m = /^(.+?)=(\w*)$/.exec(s);
    if (!m) throw new Error(`--set ${s}: write HEADER=FIELD (FIELD one of ${IMPORT_FIELDS.join(', ')}, or empty to ignore the column)`);
    const [, header, field] = m;
    const at = /^#\d+$/.test(header!) ? Number(header!.slice(1)) - 1 : preview.columns.findIndex((c) => headerKey(c.header) === headerKey(header!));
    if (at < 0 || at >= columns.length) throw new Error(`--set ${s}: no column “${header}” (the file has: ${preview.columns.map((c) => c.header).join(', ')})`);
    if (field && !(IMPORT_FIELDS as readonly string[]).includes(field)) throw new Error(`--set ${s}: “${field}” is not a field (${IMPORT_FIELDS.join(', ')})`);
    columns[at] = (field || null) as ImportField | null;
    set.add(at);
  }
  return { columns, set };
}

async function follow(hub: CliHub, id: string, io: Out, signal: { cancelled: boolean }): Promise<ImportJob> {
  for (;;) {
    const job = ImportJob.parse(await json(hub, 'GET', `/imports/${id}`));
    io.progress(progressLine(job));
    if (job.state !== 'running') return job;
    if (signal.cancelled) return ImportJob.parse(await json(hub, 'POST', `/imports/${id}/cancel`));
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function finish(hub: CliHub, job: ImportJob, besideFile: string | null, io: Out): Promise<number> {
  io.progress('');
  for (const l of reportLines(job)) io.out(l);
  if (job.report.refused && besideFile) {
    const target = path.join(path.dirname(besideFile), `${path.basename(besideFile).replace(/\.[^.]+$/, '')}-被拒行.csv`);
    const { status, res } = await request(hub, 'GET', `/imports/${job.id}/refused.csv`);
    if (status === 200) {
      await pipeline(res, createWriteStream(target));
      io.out(`  被拒行及原因 refused rows with reasons: ${target}`);
    } else res.resume();
  }
  if (job.state === 'cancelled' || job.state === 'interrupted') io.out(`  继续导入 resume: npm run hub -- import resume ${job.id}`);
  return job.state === 'done' ? 0 : 4;
}

export async function cliImport(hub: CliHub, args: { file?: string; resume?: string; mapping?: string; encoding?: string; sets: string[]; saveMapping?: string; preview?: boolean }, io: Out, signal: { cancelled: boolean }): Promise<number> {
  try {
    if (args.resume) {
      const job = ImportJob.parse(await json(hub, 'POST', `/imports/${args.resume}/resume`));
      return finish(hub, await follow(hub, job.id, io, signal), null, io);
    }
    const file = path.resolve(args.file!);
    const size = (await stat(file)).size;
    io.out(`上传 uploading ${path.basename(file)} (${fmt(size)} bytes) → ${hub.url}`);
    let preview = ImportPreview.parse(await json(hub, 'POST', `/imports?fileName=${encodeURIComponent(path.basename(file))}`, createReadStream(file), { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) }));
    const letGo = () => json(hub, 'POST', `/imports/${preview.jobId}/cancel`).catch(() => undefined);
    try {
      const encoding = args.encoding === 'gbk' || args.encoding === 'gb18030' ? 'gb18030' : args.encoding === 'utf-8' || args.encoding === 'utf8' ? 'utf-8' : undefined;
      if (args.encoding && !encoding) throw new Error(`--encoding ${args.encoding}: utf-8 or gbk`);
      if (encoding || args.mapping) preview = ImportPreview.parse(await json(hub, 'POST', `/imports/${preview.jobId}/preview`, JSON.stringify({ ...(encoding ? { encoding } : {}), ...(args.mapping ? { mappingName: args.mapping } : {}) })));
      io.out(`导入编号 import ID ${preview.jobId} · 格式 format ${preview.format}${preview.encoding ? ` · 编码 encoding ${preview.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8'}${encoding ? '' : ' (自动识别 detected)'}` : ''} · 表头在第 ${preview.headerRow} 行 header on row ${preview.headerRow}${preview.mappingName ? ` · 映射 mapping “${preview.mappingName}”` : ''}`);
      const { columns, set } = applySets(preview, args.sets);
      const unrecognised = preview.columns.filter((c, i) => c.by === 'none' && !set.has(i));
      preview.columns.forEach((c, i) => io.out(`  ${String(i + 1).padStart(2)}. ${c.header.padEnd(10, '　')} → ${columns[i] ?? '（忽略 ignored）'}${set.has(i) ? ' (--set)' : c.by === 'none' ? `  ← 未识别 not recognised` : ''}`));
      if (unrecognised.length && !args.preview) {
        io.out(`未识别的列，未开始导入 (columns not recognised; nothing imported): ${unrecognised.map((c) => c.header).join('、')}`);
        io.out(`  为每列指定字段 name each one's field: --set "${unrecognised[0]!.header}=FIELD" (FIELD: ${IMPORT_FIELDS.join(', ')}), 或忽略 or ignore it: --set "${unrecognised[0]!.header}="`);
        await letGo();
        return 3;
      }
      if (args.preview || signal.cancelled) {
        io.out(args.preview ? '仅预览，未导入 (preview only; nothing imported)' : '已取消，未导入 (cancelled; nothing imported)');
        await letGo();
        return args.preview ? 0 : 4;
      }
      const start: ImportStart = { columns, ...(args.saveMapping ? { saveMappingAs: args.saveMapping } : {}) };
      await json(hub, 'POST', `/imports/${preview.jobId}/start`, JSON.stringify(start));
    } catch (e) {
      await letGo();
      throw e;
    }
    return finish(hub, await follow(hub, preview.jobId, io, signal), file, io);
  } catch (e) {
    io.progress('');
    io.out(`导入失败 (import failed): ${words(e)}`);
    return 2;
  }
}
