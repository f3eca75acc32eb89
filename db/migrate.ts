/**
 * Open (or create) a SQLite database over the dialect and bring it to the latest of a migration list.
 * Used by the console store (db/migrations) and the hub store (hub/store/migrations).
 * A database written by a newer version (it has migrations this build does not know) is refused with
 * DatabaseFromTheFutureError rather than opened and damaged.
 */
import { Kysely, Migrator, sql, type Migration } from 'kysely';
import { Sqlite3Dialect } from './sqlite3-dialect';

export type MigrationList = ReadonlyArray<readonly [name: string, migration: Migration]>;

export class DatabaseFromTheFutureError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(`数据库版本比本程序新,请升级联动后再打开 (the database was written by a newer Liandong: ${unknownMigrations.join(', ')})`);
    this.name = 'DatabaseFromTheFutureError';
  }
}

export type OpenDatabaseOptions = {
  filename: string;
  migrations: MigrationList;
  /** Stop at this migration (tests of upgrades from earlier versions). Default: latest. */
  migrateTo?: string;
  onSlowQuery?: (sql: string, ms: number) => void;
  /** The connection's page cache (Sqlite3DialectConfig.cacheKib). */
  cacheKib?: number;
};

export async function openMigratedDatabase<S>(options: OpenDatabaseOptions): Promise<Kysely<S>> {
  const db = new Kysely<S>({ dialect: new Sqlite3Dialect({ filename: options.filename, onSlowQuery: options.onSlowQuery, cacheKib: options.cacheKib }) });
  try {
    const known = new Set(options.migrations.map(([name]) => name));
    const unknown = (await appliedMigrations(db)).filter((n) => !known.has(n));
    if (unknown.length) throw new DatabaseFromTheFutureError(unknown);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => Object.fromEntries(options.migrations) } });
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
