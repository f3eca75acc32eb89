import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { exportRow, writeExportXlsx } from './export-files';
import { readRows } from './read-rows';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

it('reads a workbook of Chinese text back character for character (no U+FFFD where a character spans two chunks)', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ld-xlsx-'));
  const file = path.join(dir, 'cjk.xlsx');
  const ROWS = 20_000;
  const base = Date.UTC(2026, 5, 1);
  await writeExportXlsx(file, { dialect: 'hotline', rows: ROWS, base });
  let n = -2; // the header row comes first
  const wrong: number[] = [];
  for await (const cells of readRows({ path: file, format: 'xlsx', encoding: null, bom: 0 }, { bytes: 0 })) {
    n++;
    if (n < 0) continue;
    const want = exportRow('hotline', n, base);
    // The summary, the address and the sub-district: the long Chinese texts.
    if (cells[4] !== want[4] || cells[5] !== want[5] || cells[6] !== want[6]) wrong.push(n);
  }
  expect(n).toBe(ROWS - 1);
  expect(wrong).toEqual([]);
}, 120_000);
