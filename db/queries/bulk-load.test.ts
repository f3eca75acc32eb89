import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { openStore, type Store } from '../open';
import { enterBulkLoad, inBulkLoad, leaveBulkLoad } from './bulk-load';
import { listTickets } from './tickets';
import { upsertTickets } from './ticket-write';
import { RECOMPUTED_KPI, RECOMPUTED_TALLY } from './ticket-sums';

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

describe('the store’s bulk-load mode', () => {
  it('sets aside all but the key, the change marks, (sub-district, status) and the unplaced, and builds them again exactly as they were', async () => {
    const db = await open();
    await upsertTickets(db, generateTickets(300, { now: NOW, seed: 1 }));
    const before = await ticketIndexes(db);
    const aside = await db.transaction().execute((trx) => enterBulkLoad(trx));
    expect(aside).toEqual(['tickets_open_deadline', 'tickets_received', 'tickets_resolved_day', 'tickets_status']);
    expect((await ticketIndexes(db)).map((i) => i.name)).toEqual(['sqlite_autoindex_tickets_1', 'tickets_changed', 'tickets_sub_district', 'tickets_unplaced']);
    // Tickets still come and go meanwhile; the screens' queries still answer (without those indexes).
    await upsertTickets(db, generateTickets(200, { now: NOW, seed: 2 }));
    const newestFirst = (await listTickets(db, {}, { limit: 5 }, NOW)).items.map((t) => t.receivedAt);
    expect(await db.transaction().execute((trx) => leaveBulkLoad(trx))).toEqual(aside);
    expect(await ticketIndexes(db)).toEqual(before);
    expect(await inBulkLoad(db)).toBe(false);
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
        await enterBulkLoad(trx);
        throw new Error('write failed');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('write failed');
    expect(await ticketIndexes(db)).toEqual(before);
    expect(await inBulkLoad(db)).toBe(false);
  });

  it('builds them when a store left with them set aside (the console stopped mid-load) is opened', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-indexes-'));
    dirs.push(dir);
    const file = path.join(dir, 's.sqlite');
    const first = await open(file);
    const before = await ticketIndexes(first);
    await first.transaction().execute((trx) => enterBulkLoad(trx));
    await stores.pop()!.destroy();
    const again = await open(file);
    expect(await ticketIndexes(again)).toEqual(before);
    expect(await inBulkLoad(again)).toBe(false);
  });

  it('ends with the same schema as the migrations made, and the same tickets and sums as writing without the mode', async () => {
    const schema = async (db: Store) => (await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master order by type, name`.execute(db)).rows;
    const state = async (db: Store) => ({
      tickets: (await sql`select * from tickets order by ticket_no`.execute(db)).rows.map((r) => ({ ...(r as object), changed_mark: undefined })),
      kpi: (await sql`select * from kpi_day where intake <> 0 order by 1, 2, 3`.execute(db)).rows,
      kpiRecomputed: (await sql.raw(`${RECOMPUTED_KPI} order by 1, 2, 3`).execute(db)).rows,
      tally: (await sql`select * from ticket_tally where n <> 0 order by 1, 2, 3`.execute(db)).rows,
      tallyRecomputed: (await sql.raw(`${RECOMPUTED_TALLY} order by 1, 2, 3`).execute(db)).rows,
    });
    const plain = await open();
    const loaded = await open();
    const migrated = await schema(plain);
    const first = generateTickets(400, { now: NOW, seed: 5 });
    const changed = first.slice(0, 150).map((r) => ({ ...r, ticket: { ...r.ticket, status: 'resolved' as const, updatedAt: NOW } }));
    for (const db of [plain, loaded]) await upsertTickets(db, first.slice(0, 100));
    await loaded.transaction().execute(async (trx) => {
      expect(await enterBulkLoad(trx)).toHaveLength(4);
      await upsertTickets(trx as unknown as Store, first.slice(100));
    });
    expect(await inBulkLoad(loaded)).toBe(true);
    await loaded.transaction().execute(async (trx) => {
      await upsertTickets(trx as unknown as Store, changed);
      await leaveBulkLoad(trx);
    });
    await upsertTickets(plain, first.slice(100));
    await upsertTickets(plain, changed);
    expect(await schema(loaded)).toEqual(migrated);
    const a = await state(plain);
    const b = await state(loaded);
    expect(b).toEqual(a);
    expect(a.kpi).toEqual(a.kpiRecomputed);
    expect(a.tally).toEqual(a.tallyRecomputed);
  });
});
