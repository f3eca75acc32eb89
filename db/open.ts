/**
 * Open (or create) the store and bring it to the latest schema.
 * A database written by a newer Liandong (it has migrations this build does not know) is refused with
 * DatabaseFromTheFutureError rather than opened and damaged.
 */
import { Kysely, Migrator, sql } from 'kysely';
import { MIGRATIONS, migrationProvider } from './migrations';
import type { Schema } from './schema';
import { Sqlite3Dialect } from './sqlite3-dialect';

export type Store = Kysely<Schema>;

export class DatabaseFromTheFutureError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(`数据库版本比本程序新,请升级联动后再打开 (the database was written by a newer Liandong: ${unknownMigrations.join(', ')})`);
    this.name = 'DatabaseFromTheFutureError';
  }
}

export type OpenStoreOptions = {
  filename: string;
  /** Stop at this migration (tests of upgrades from earlier versions). Default: latest. */
  migrateTo?: string;
  onSlowQuery?: (sql: string, ms: number) => void;
};

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const db = new Kysely<Schema>({ dialect: new Sqlite3Dialect({ filename: options.filename, onSlowQuery: options.onSlowQuery }) });
  try {
    await refuseFutureDatabase(db);
    const migrator = createMigrator(db);
    const { error, results } = options.migrateTo ? await migrator.migrateTo(options.migrateTo) : await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
      throw new Error(`数据库迁移失败 (migration ${failed} failed): ${error instanceof Error ? error.message : String(error)}`);
    }
    const applied = await appliedMigrations(db);
    await sql.raw(`pragma user_version = ${applied.length}`).execute(db);
    return db;
  } catch (e) {
    await db.destroy();
    throw e;
  }
}

export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if (!tables.rows.length) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function refuseFutureDatabase(db: Kysely<any>): Promise<void> {
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const unknown = (await appliedMigrations(db)).filter((n) => !known.has(n));
  if (unknown.length) throw new DatabaseFromTheFutureError(unknown);
}
