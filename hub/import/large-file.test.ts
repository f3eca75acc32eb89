/** A 200,000-row GBK export (the suite's bounded large file; the bench takes 1,000,000): every row lands or is
 * refused with its row number, and the job's progress ends at the whole file. */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateTokens } from '../auth';
import { startHub } from '../hub-server';
import { writeExportCsv } from './export-files';

const ROWS = 200_000;
let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

it(`imports a ${ROWS.toLocaleString('en')}-row GBK CSV: every row accounted for`, { timeout: 300_000 }, async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ld-import-large-'));
  const file = path.join(dir, 'big.csv');
  const bad = ['', '2026/11/28 09:15', '', '', '无编号', '', '任港', '', '', '', '', '已受理', '', '', ''];
  await writeExportCsv(file, { dialect: 'hotline', rows: ROWS, base: Date.UTC(2026, 0, 1), encoding: 'gbk', title: true, extraRows: [bad, bad] });
  const hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: generateTokens(), clock: () => Date.UTC(2026, 10, 30), importDir: path.join(dir, 'imports') });
  try {
    const preview = await hub.importer.upload(createReadStream(file), 'big.csv', { tokenId: null, name: 'test' });
    await hub.importer.start(preview.jobId, { columns: preview.columns.map((c) => c.field) });
    const job = await hub.importer.settled(preview.jobId);
    expect(job.state).toBe('done');
    expect(job.report).toMatchObject({ rows: ROWS + 2, imported: ROWS, refused: 2 });
    expect(job.report.refusedSample.map((r) => r.row)).toEqual([ROWS + 3, ROWS + 4]);
    expect(job.progress.bytesRead).toBe((await stat(file)).size);
    expect(await hub.store.count()).toBe(ROWS);
    expect(hub.store.head).toBe(ROWS);
  } finally {
    await hub.close();
  }
});
