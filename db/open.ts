/** The console's store: the console schema at its latest migration. */
import { Kysely } from 'kysely';
import { openMigratedDatabase } from './migrate';
import { Sqlite3Dialect, STEADY_WRITER_CACHE_KIB } from './sqlite3-dialect';
import { MIGRATIONS } from './migrations';
import type { Schema } from './schema';
import { CompiledQuery } from 'kysely';
import { leaveBulkLoad } from './queries/bulk-load';
import { TICKET_WRITE_TABLE } from './queries/ticket-write';

export type Store = Kysely<Schema>;
/** A read-only connection's type: what reads need, none of what writes (a reader given to a writing query does
 * not compile; at run time its connection is query_only too). */
export type StoreReader = Omit<Store, 'insertInto' | 'replaceInto' | 'updateTable' | 'deleteFrom' | 'mergeInto' | 'transaction' | 'schema'>;
export { DatabaseFromTheFutureError, appliedMigrations } from './migrate';

export type OpenStoreOptions = {
  filename: string;
  migrateTo?: string;
  onSlowQuery?: (sql: string, ms: number) => void;
};

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = await openMigratedDatabase<Schema>({ ...options, migrations: MIGRATIONS, cacheKib: STEADY_WRITER_CACHE_KIB });
  // A bulk load the console stopped in the middle of left the tickets' indexes set aside: build them now.
  if (!options.migrateTo) await store.transaction().execute((trx) => leaveBulkLoad(trx));
  // The ticket writer's table of a write's accepted rows, on this (the only) connection (ticket-write.ts).
  await store.executeQuery(CompiledQuery.raw(TICKET_WRITE_TABLE));
  return store;
}

/**
 * A read-only connection to an open store's file, for long reads that should not hold up the writer (WAL:
 * it sees every committed write). An in-memory store has no file to share: its reader is the store itself.
 */
export async function openReader(store: Store, options: OpenStoreOptions & { cacheKib?: number }): Promise<StoreReader> {
  if (options.filename === ':memory:' || options.filename === '') return store;
  const reader = new Kysely<Schema>({ dialect: new Sqlite3Dialect({ filename: options.filename, readOnly: true, onSlowQuery: options.onSlowQuery, cacheKib: options.cacheKib }) });
  await reader.selectFrom('tickets').select('ticket_no').limit(1).execute(); // opens it now: a bad file fails at start
  return reader;
}
