/**
 * 0009: each ticket row carries the mark of the console's write that last stored it (one number per batch,
 * growing), so a screen can ask what changed since a mark — the map's refresh reads the few tickets that
 * moved instead of every open ticket (at 47,000 open, a full read held the console's event loop 0.3 s).
 * Rows stored before this have mark 0: the first refresh after the upgrade is a full one anyway.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets add column changed_mark integer not null default 0`.execute(db);
  await sql`create index tickets_changed on tickets (changed_mark)`.execute(db);
}
