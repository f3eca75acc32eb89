import { describe, expect, it } from 'vitest';
import type { PageForWrite } from './change-batch';
import { BatchWriter, type PullBatch } from './batch-writer';

/** A checked page of `rows` accepted changes ending at `lastSeq`. */
const page = (lastSeq: number, rows: number, hasMore = true): { page: PageForWrite; body: string } => ({
  page: { accepted: { rows, json: '[]' }, quarantined: [], lastSeq, headSeq: 100, hasMore, newestChangedAt: lastSeq, tickets: rows <= 2 ? [] : null },
  body: '{}',
});

/** A store whose writes end when the test says so. */
function store() {
  const writes: { batch: PullBatch; last: boolean }[] = [];
  const open: (() => void)[] = [];
  const write = (batch: PullBatch, last: boolean) => new Promise<void>((resolve) => (writes.push({ batch, last }), open.push(resolve)));
  const finish = async () => {
    open.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { writes, write, finish, get waiting() { return open.length; } };
}

describe('the batch writer', () => {
  it('writes the first page at once, gathers pages while the store is busy, and never has more than one batch waiting', async () => {
    const s = store();
    const w = new BatchWriter(s.write, 0, () => 0, { rows: 1000, ms: 1e9 });
    await w.add(page(10, 10));
    expect(s.writes.map((x) => x.batch.lastSeq)).toEqual([10]);
    expect(w.storeBusy).toBe(true);
    await w.add(page(20, 10));
    await w.add(page(30, 10));
    expect(s.writes).toHaveLength(1); // gathering meanwhile
    const last = w.add(page(40, 10, false)); // the last page: waits for the write in progress, then goes
    await s.finish();
    await last;
    expect(s.writes.map((x) => [x.batch.lastSeq, x.batch.count, x.batch.pages.length, x.last])).toEqual([
      [10, 10, 1, false],
      [40, 30, 3, true],
    ]);
    await s.finish();
    await w.done();
  });

  it('writes a gathered batch once it is full, even while the store is busy', async () => {
    const s = store();
    const w = new BatchWriter(s.write, 0, () => 0, { rows: 20, ms: 1e9 });
    await w.add(page(10, 10));
    await w.add(page(20, 10));
    const full = w.add(page(30, 10)); // 20 gathered: full
    await s.finish();
    await full;
    expect(s.writes.map((x) => x.batch.lastSeq)).toEqual([10, 30]);
    await s.finish();
  });

  it('announces tickets only while a batch is small enough to', async () => {
    const s = store();
    const w = new BatchWriter(s.write, 0, () => 0, { rows: 1000, ms: 1e9 });
    await w.add(page(1, 1));
    expect(s.writes[0]!.batch.tickets).toEqual([]);
    await w.add(page(500, 500));
    const last = w.add(page(501, 1, false));
    await s.finish();
    await last;
    expect(s.writes[1]!.batch.tickets).toBeNull();
    await s.finish();
  });

  it('after a failed pull writes what arrived, but nothing after a write that failed', async () => {
    const s = store();
    const w = new BatchWriter(s.write, 0, () => 0, { rows: 1000, ms: 1e9 });
    await w.add(page(10, 10));
    await w.add(page(20, 10));
    const salvaged = w.salvage();
    await s.finish();
    await s.finish();
    await salvaged;
    expect(s.writes.map((x) => [x.batch.lastSeq, x.last])).toEqual([
      [10, false],
      [20, false],
    ]);

    let fail = true;
    const failing = new BatchWriter(async () => (fail ? Promise.reject(new Error('disk full')) : undefined), 0, () => 0, { rows: 1000, ms: 1e9 });
    await failing.add(page(10, 10));
    await failing.add(page(20, 10)).catch(() => {});
    fail = false;
    await expect(failing.salvage()).rejects.toThrow('disk full');
  });
});
