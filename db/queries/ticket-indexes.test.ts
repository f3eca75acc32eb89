import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { openStore, type Store } from '../open';
import { restoreTicketIndexes, setAsideIndexCount, setTicketIndexesAside } from './ticket-indexes';
import { listTickets, upsertTickets } from './tickets';

const NOW = Date.UTC(2026, 10, 23, 4);
const stores: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.destroy()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const open = async (filename = ':memory:') => {
  const s = await openStore({ filename });
  stores.push(s);
  return s;
};

/** The tickets table's indexes as sqlite_master has them. */
const ticketIndexes = async (db: Store) =>
  (await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'tickets' order by name`.execute(db)).rows;

describe('the tickets’ indexes during a bulk load', () => {
  it('sets aside all but the key, the change marks, (sub-district, status) and the unplaced, and builds them again exactly as they were', async () => {
    const db = await open();
    await upsertTickets(db, generateTickets(300, { now: NOW, seed: 1 }));
    const before = await ticketIndexes(db);
    const aside = await db.transaction().execute((trx) => setTicketIndexesAside(trx));
    expect(aside).toEqual(['tickets_open_deadline', 'tickets_received', 'tickets_resolved_day', 'tickets_status']);
    expect((await ticketIndexes(db)).map((i) => i.name)).toEqual(['sqlite_autoindex_tickets_1', 'tickets_changed', 'tickets_sub_district', 'tickets_unplaced']);
    // Tickets still come and go meanwhile; the screens' queries still answer (without those indexes).
    await upsertTickets(db, generateTickets(200, { now: NOW, seed: 2 }));
    const newestFirst = (await listTickets(db, {}, { limit: 5 }, NOW)).items.map((t) => t.receivedAt);
    expect(await db.transaction().execute((trx) => restoreTicketIndexes(trx))).toEqual(aside);
    expect(await ticketIndexes(db)).toEqual(before);
    expect(await setAsideIndexCount(db)).toBe(0);
    expect((await listTickets(db, {}, { limit: 5 }, NOW)).items.map((t) => t.receivedAt)).toEqual(newestFirst);
    // The stream's query uses its index again.
    const plan = (await sql<{ detail: string }>`explain query plan select ticket_no from tickets order by received_at desc, ticket_no desc limit 5`.execute(db)).rows.map((r) => r.detail).join(' ');
    expect(plan).toContain('tickets_received');
  });

  it('leaves them in place when the transaction that set them aside fails', async () => {
    const db = await open();
    const before = await ticketIndexes(db);
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await setTicketIndexesAside(trx);
        throw new Error('write failed');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('write failed');
    expect(await ticketIndexes(db)).toEqual(before);
    expect(await setAsideIndexCount(db)).toBe(0);
  });

  it('builds them when a store left with them set aside (the console stopped mid-load) is opened', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-indexes-'));
    dirs.push(dir);
    const file = path.join(dir, 's.sqlite');
    const first = await open(file);
    const before = await ticketIndexes(first);
    await first.transaction().execute((trx) => setTicketIndexesAside(trx));
    await stores.pop()!.destroy();
    const again = await open(file);
    expect(await ticketIndexes(again)).toEqual(before);
    expect(await setAsideIndexCount(again)).toBe(0);
  });
});
