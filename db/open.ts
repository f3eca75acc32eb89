/** The console's store: the console schema at its latest migration. */
import type { Kysely } from 'kysely';
import { openMigratedDatabase } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Schema } from './schema';

export type Store = Kysely<Schema>;
export { DatabaseFromTheFutureError, appliedMigrations } from './migrate';

export type OpenStoreOptions = {
  filename: string;
  migrateTo?: string;
  onSlowQuery?: (sql: string, ms: number) => void;
};

export function openStore(options: OpenStoreOptions): Promise<Store> {
  return openMigratedDatabase<Schema>({ ...options, migrations: MIGRATIONS });
}
