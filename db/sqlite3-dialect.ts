/**
 * Kysely dialect over the `sqlite3` (node-sqlite3) driver — the only file that knows the driver.
 * `sqlite3` is marked deprecated upstream; swapping it (better-sqlite3, node:sqlite) means rewriting this file only.
 *
 * - One serialised connection: a mutex hands it to one query or one transaction at a time
 *   (the single-writer rule; SQLite allows one writer anyway).
 * - `readOnly`: a second connection to the same file for long reads (the map's points, the KPIs): in WAL mode
 *   it reads the last commit while the writer goes on, so a sync write never waits for a map refresh.
 * - WAL journal, NORMAL sync, foreign keys on, busy timeout.
 * - Every query is timed; those over `slowQueryMs` are reported to `onSlowQuery`.
 */
import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export type Sqlite3DialectConfig = {
  /** A file path, or ':memory:'. */
  filename: string;
  /** Open read-only (a file already created and in WAL mode by its writer). */
  readOnly?: boolean;
  /** The connection's page cache, in KiB as a negative number (SQLite's cache_size); by default the writer's
   * WRITER_CACHE_KIB, a reader's READER_CACHE_KIB. The cache fills with the pages read, up to this. */
  cacheKib?: number;
  slowQueryMs?: number;
  onSlowQuery?: (sql: string, ms: number) => void;
};

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly config: Sqlite3DialectConfig) {}
  createDriver(): Driver {
    return new Sqlite3Driver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** The writer's page cache, in KiB as SQLite's negative cache_size takes it (the benchmarks' baseline uses it too):
 * a hub's store keeps it; the console's store only while it bulk-loads (db/queries/bulk-load.ts). */
export const WRITER_CACHE_KIB = -262144;
/** A read-only connection's page cache (the long reads beside the writer). */
export const READER_CACHE_KIB = -16384;
/**
 * The console's store between bulk loads (16 MiB), and its background checks' reader (8 MiB). A cache fills with the
 * pages read up to its size and keeps them, so a console that runs for a week holds what its caches allow. Both were
 * cut to 4 MiB once (2486cce) to hold the soak's RSS; measured A/B in one session on one host (BENCH_ONLY=sync,
 * docs/perf-log.md Session 20), 4 MiB lost: p4 KPI p95 35.8 → 75.6 ms, p5 cold start 2,443 → 4,511 ms, p6 catch-up
 * 652 → 964 ms, p1's ratio to raw 1.02 → 0.73 — so they are back at 16 / 8 MiB, the sizes of the 2-hour soak before
 * that cut (RSS grew 45 MB as the caches filled, within r7's target). The screens' reader keeps READER_CACHE_KIB.
 */
export const STEADY_WRITER_CACHE_KIB = -16384;
export const CHECKER_CACHE_KIB = -8192;

class Sqlite3Driver implements Driver {
  #db: sqlite3.Database | undefined;
  #connection: Sqlite3Connection | undefined;
  readonly #mutex = new ConnectionMutex();

  constructor(private readonly config: Sqlite3DialectConfig) {}

  async init(): Promise<void> {
    this.#db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const mode = this.config.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
      const db = new sqlite3.Database(this.config.filename, mode, (err) => (err ? reject(err) : resolve(db)));
    });
    this.#connection = new Sqlite3Connection(this.#db, this.config);
    const isFile = this.config.filename !== ':memory:' && this.config.filename !== '';
    for (const pragma of [
      ...(isFile && !this.config.readOnly ? ['pragma journal_mode = wal'] : []),
      'pragma synchronous = normal',
      'pragma foreign_keys = on',
      'pragma busy_timeout = 5000',
      'pragma temp_store = memory',
      // Page cache: bulk writes touch five indexes in random order; the 2 MB default thrashes. The writer gets
      // 256 MB (a full sync of a million tickets ~8 % faster than with 64 MB), a reader 64 MB.
      `pragma cache_size = ${this.config.cacheKib ?? (this.config.readOnly ? READER_CACHE_KIB : WRITER_CACHE_KIB)}`,
      ...(this.config.readOnly ? ['pragma query_only = on'] : ['pragma wal_autocheckpoint = 16384']),
    ]) {
      await this.#connection.executeQuery(CompiledQuery.raw(pragma));
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }
  async destroy(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    if (db) await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

/** Statements that hand back rows: SELECT, PRAGMA, WITH … SELECT, anything with RETURNING. */
function returnsRows(compiled: CompiledQuery): boolean {
  if (SelectQueryNode.is(compiled.query)) return true;
  const node = compiled.query as { returning?: unknown; kind: string };
  if (node.kind !== 'RawNode') return node.returning !== undefined;
  return /^\s*(select|pragma|with|values|explain)\b/i.test(compiled.sql) || /\breturning\b/i.test(compiled.sql);
}

class Sqlite3Connection implements DatabaseConnection {
  constructor(
    private readonly db: sqlite3.Database,
    private readonly config: Sqlite3DialectConfig,
  ) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    const started = performance.now();
    const done = <T>(value: T): T => {
      const ms = performance.now() - started;
      if (this.config.onSlowQuery && ms > (this.config.slowQueryMs ?? 40)) this.config.onSlowQuery(sql, ms);
      return value;
    };
    if (returnsRows(compiled)) {
      return new Promise((resolve, reject) => {
        this.db.all(sql, parameters as unknown[], (err, rows) => (err ? reject(withSql(err, sql)) : resolve(done({ rows: rows as R[] }))));
      });
    }
    return new Promise((resolve, reject) => {
      this.db.run(sql, parameters as unknown[], function (this: sqlite3.RunResult, err) {
        if (err) return reject(withSql(err, sql));
        resolve(done({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) }));
      });
    });
  }

  /** Real streaming: one prepared statement stepped `chunkSize` rows at a time, so memory stays flat. */
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 500): AsyncIterableIterator<QueryResult<R>> {
    if (!returnsRows(compiled)) throw new Error('sqlite3 dialect: only row-returning queries can be streamed');
    const stmt = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s = this.db.prepare(compiled.sql, compiled.parameters as unknown[], (err) => (err ? reject(withSql(err, compiled.sql)) : resolve(s)));
    });
    try {
      for (;;) {
        const rows: R[] = [];
        while (rows.length < chunkSize) {
          const row = await new Promise<R | undefined>((resolve, reject) => stmt.get((err, r) => (err ? reject(err) : resolve(r as R | undefined))));
          if (row === undefined) break;
          rows.push(row);
        }
        if (rows.length) yield { rows };
        if (rows.length < chunkSize) return;
      }
    } finally {
      await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
    }
  }
}

function withSql(err: Error, sql: string): Error {
  err.message = `${err.message} — in: ${sql.slice(0, 200)}`;
  return err;
}

class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;
  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => (this.#resolve = resolve));
  }
  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
