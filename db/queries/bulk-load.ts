/**
 * The store's bulk-load mode: a first sync, or a pull bigger than the store, writes with most of the tickets
 * table's secondary indexes set aside, and leaving the mode builds them again — the store is then exactly what
 * the migrations made (bulk-load.test.ts compares the schema). This is the one place the store's schema changes
 * while it runs; the sync enters the mode once per load and leaves it when the load has reached the hub's head
 * (a pull that fails part-way keeps the mode for the next attempt, see sync/bulk-load-mode.ts).
 *
 * Kept up row by row, some cost a big write most of its time, and more the bigger the table: each new row goes
 * into the received-time, status and open-deadline indexes at a key that can be anywhere in them. Measured on a
 * million generated tickets written by the sync's store thread alone, in writes of 100,000: 20 µs a ticket for
 * the first 100,000, 40 µs for the last, 32–34 s in all; with the secondary indexes set aside 19–21 µs
 * throughout, 19–21 s, then ~1 s per index to build it from the full table (one sorted pass each).
 *
 * So a bulk load sets those aside (their definitions kept in set_aside_indexes, in the same transaction as the
 * drop) and builds them again from that text in the transaction of its last batch. A reader between the two
 * sees whole batches, only answered without those indexes (slower). A console that stops before the end builds
 * them when it next opens its store. The table's key (the ticket number, which every upsert looks up) stays.
 */
import { CompiledQuery } from 'kysely';
import type { Store } from '../open';
import { STEADY_WRITER_CACHE_KIB, WRITER_CACHE_KIB } from '../sqlite3-dialect';

type Db = Pick<Store, 'executeQuery'>;

const q = <R>(db: Db, text: string, params: unknown[] = []) => db.executeQuery<R>(CompiledQuery.raw(text, params));
/**
 * Indexes a bulk load keeps: a new row goes at the end of them however the tickets come, so they stay cheap at
 * any size — the change marks (each write's mark is above every earlier one) and (sub-district, status) (a few
 * hundred groups, each new row last in its group: rowids grow). Keeping them moves their upkeep into the load,
 * where it overlaps with fetching and checking, out of the build at its end, which runs alone. And the unplaced
 * tickets (0013): a partial index that few rows enter, so it costs a load next to nothing.
 */
const KEPT = ['tickets_changed', 'tickets_sub_district', 'tickets_unplaced'];
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Enter the mode: set aside the tickets table's indexes but its key and KEPT; returns their names. Call inside a
 * transaction (a write of the load's first batch). */
export async function enterBulkLoad(db: Db): Promise<string[]> {
  // The load's writes touch index pages all over: the writer's large cache while it lasts (given back on leaving).
  await q(db, `pragma cache_size = ${WRITER_CACHE_KIB}`);
  const { rows } = await q<{ name: string; sql: string }>(
    db,
    `select name, sql from sqlite_master where type = 'index' and tbl_name = 'tickets' and sql is not null and name not in (${KEPT.map(() => '?').join(', ')}) order by name`,
    KEPT,
  );
  for (const { name, sql } of rows) {
    await q(db, 'insert into set_aside_indexes (name, sql) values (?, ?)', [name, sql]);
    await q(db, `drop index ${quoted(name)}`);
  }
  return rows.map((r) => r.name);
}

/** Leave the mode: build again every index set aside (none: nothing to do); returns their names. Call inside a
 * transaction (the load's last write, or on its own). */
export async function leaveBulkLoad(db: Db): Promise<string[]> {
  const { rows } = await q<{ name: string; sql: string }>(db, 'select name, sql from set_aside_indexes order by name');
  for (const { name, sql } of rows) {
    await q(db, sql);
    await q(db, 'delete from set_aside_indexes where name = ?', [name]);
  }
  // Built (with the load's cache): the store keeps its steady cache from now on, the pages beyond it given back.
  await q(db, `pragma cache_size = ${STEADY_WRITER_CACHE_KIB}`);
  return rows.map((r) => r.name);
}

/** The tickets' largest rowid (0 when empty): rowids only grow, so it is also at least how many are stored. */
export async function largestTicketRowid(db: Db): Promise<number> {
  const n = Number((await q<{ n: number }>(db, 'select coalesce(max(rowid), 0) as n from tickets')).rows[0]!.n);
  if (!Number.isSafeInteger(n)) throw new Error(`unexpected rowid ${n}`);
  return n;
}

/** Is the store in bulk-load mode (some indexes set aside)? */
export async function inBulkLoad(db: Db): Promise<boolean> {
  return Number((await q<{ n: number }>(db, 'select count(*) as n from set_aside_indexes')).rows[0]!.n) > 0;
}
