/**
 * The operator's import: `hub.js import FILE` against a running hub (both the built out/main/hub.js, as
 * `npm run hub` runs them), with the token the command issues itself in the hub's store.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExportCsv } from '../hub/import/export-files';

const ROOT = path.resolve(__dirname, '..');
const HUB = path.join(ROOT, 'out/main/hub.js');
let dir: string;
let hub: ReturnType<typeof spawn>;
let url: string;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [HUB, ...args], { env: { ...process.env, LIANDONG_HUB_DATA_DIR: dir, LIANDONG_HUB_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ld-import-cli-'));
  hub = spawn(process.execPath, [HUB], { env: { ...process.env, LIANDONG_HUB_DATA_DIR: dir, LIANDONG_HUB_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: hub.stdout! }).once('line', resolve);
    hub.once('exit', (c) => reject(new Error(`hub exited ${c}`)));
  });
  url = /(https?:\/\/\S+)/.exec(line)![1]!;
});
afterAll(async () => {
  hub.kill('SIGTERM');
  await new Promise((r) => hub.once('exit', r));
  await rm(dir, { recursive: true, force: true });
});

describe('npm run hub -- import', () => {
  it('imports a GBK export into the running hub with a column corrected, prints the report and saves the refused rows beside the file', async () => {
    const file = path.join(dir, '十一月工单.csv');
    await writeExportCsv(file, { dialect: 'hotline', rows: 3000, base: Date.UTC(2026, 10, 1), encoding: 'gbk', title: true, extraRows: [['12345-BAD', '下午三点', '', '', '内容', '', '任港', '', '', '', '', '已受理', '', '', '']] });
    const r = await run(['import', file, '--set', '诉求类型=']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('编码 encoding GBK/GB18030 (自动识别 detected)');
    expect(r.stdout).toMatch(/4\. 诉求类型\S*\s+→ （忽略 ignored） \(--set\)/);
    expect(r.stdout).toContain('读取 read 3,001  新增 imported 3,000  更新 updated 0  未变 unchanged 0  拒绝 refused 1');
    expect(r.stdout).toContain('第 3003 行 row 「来电时间」: 无法识别的时间「下午三点」');
    const refused = await readFile(path.join(dir, '十一月工单-被拒行.csv'), 'utf8');
    expect(refused).toContain('3003,12345-BAD,来电时间,badTime,无法识别的时间「下午三点」');
    // The hub has them: the change feed (chair token from the starting set) reaches 3,000.
    const tokens = JSON.parse(await readFile(path.join(dir, 'hub-tokens.json'), 'utf8')) as { role: string; token: string }[];
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { headSeq: number };
    expect(health.headSeq).toBe(3000);
    const again = await run(['import', file, '--set', '诉求类型=']);
    expect(again.stdout).toContain('新增 imported 0  更新 updated 0  未变 unchanged 3,000');
    expect(tokens.some((t) => t.role === 'chair')).toBe(true);
  });

  it('stops before importing when a column is not recognised, naming it; --preview only shows the columns', async () => {
    const file = path.join(dir, 'own.csv');
    await writeFile(file, '工单编号,来电时间,问题描述详情,街道\r\n12345-OWN1,2026/11/28 10:00,楼道灯坏了,学田\r\n');
    const stopped = await run(['import', file]);
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toMatch(/导入编号 import ID [\w-]+ · 格式 format csv · 编码 encoding UTF-8 \(自动识别 detected\)/);
    expect(stopped.stdout).toContain('未识别的列，未开始导入 (columns not recognised; nothing imported): 问题描述详情');
    const shown = await run(['import', file, '--preview', '--set', '问题描述详情=summary']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/3\. 问题描述详情\S*\s+→ summary \(--set\)/);
    expect(shown.stdout).toContain('仅预览，未导入 (preview only; nothing imported)');
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { headSeq: number };
    const done = await run(['import', file, '--set', '问题描述详情=summary']);
    expect(done.code, done.stdout).toBe(0);
    expect(((await (await fetch(`${url}/api/v1/health`)).json()) as { headSeq: number }).headSeq).toBe(health.headSeq + 1);
  });

  it('refuses a file that is not a spreadsheet with a clear message, in Chinese and English', async () => {
    const file = path.join(dir, '会议纪要.pdf');
    await writeFile(file, '%PDF-1.4\n');
    const r = await run(['import', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('导入失败 (import failed): 这不是表格文件（PDF），请导出为 Excel（.xlsx）或 CSV 后再导入 (This is not a spreadsheet (PDF); export it as Excel (.xlsx) or CSV and import that)');
  });

  it('says which hub it could not reach', async () => {
    await writeFile(path.join(dir, 'x.csv'), '工单编号,来电时间\r\n');
    const child = spawn(process.execPath, [HUB, 'import', path.join(dir, 'x.csv')], { env: { ...process.env, LIANDONG_HUB_DATA_DIR: dir, LIANDONG_HUB_URL: 'http://127.0.0.1:9' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toContain('no hub at http://127.0.0.1:9: start it first (npm run hub), or set LIANDONG_HUB_URL');
  });
});
