/**
 * The store's reader: a second, read-only connection to the same file. A long read on it does not hold up
 * the writer (the sync goes on while the wall reads a million rows), it sees every committed write, and it
 * cannot write.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import { openReader, openStore, type Store, type StoreReader } from './open';
import { upsertTickets } from './queries/ticket-write';

let dir: string;
const open: (Store | StoreReader)[] = [];
afterEach(async () => {
  for (const db of open.splice(0).reverse()) await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('the store reader', () => {
  it('reads while the writer writes, sees what was committed, and refuses to write', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'liandong-reader-'));
    const filename = path.join(dir, 'console.sqlite');
    const store = await openStore({ filename });
    const reader = await openReader(store, { filename });
    open.push(store, reader);
    const NOW = Date.UTC(2026, 10, 30, 2);
    await upsertTickets(store, generateTickets(3000, { now: NOW, seed: 3 }));

    // The reader is in the middle of a long read (a statement open, 500 of 3,000 rows read)…
    const rows = reader.selectFrom('tickets').select('ticket_no').orderBy('ticket_no').stream(500)[Symbol.asyncIterator]();
    expect((await rows.next()).done).toBe(false);
    // …and the writer commits meanwhile (on one shared connection this would wait for the read to finish).
    await upsertTickets(store, generateTickets(10, { now: NOW, seed: 4, startIndex: 5000 }));
    let read = 1;
    while (!(await rows.next()).done) read++;
    expect(read).toBe(3000); // the open read saw the store as it was when it began

    const count = async (db: StoreReader) => Number((await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count(reader)).toBe(3010);
    // Its type has no writes; its connection refuses them too.
    await expect((reader as unknown as Store).deleteFrom('tickets').execute()).rejects.toThrow(/readonly|read-only|query_only/i);
    expect(await count(store)).toBe(3010);
  });

  it('is the store itself for an in-memory store', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'liandong-reader-'));
    const store = await openStore({ filename: ':memory:' });
    open.push(store);
    expect(await openReader(store, { filename: ':memory:' })).toBe(store);
  });
});
