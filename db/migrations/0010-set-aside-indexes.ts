/**
 * 0010: where a bulk load keeps the definitions of the tickets' indexes it has set aside
 * (db/queries/ticket-indexes.ts), so that they are built again from their own text — in the load's last
 * transaction, or when the store is next opened if the console stopped before that.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table set_aside_indexes (name text primary key, sql text not null)`.execute(db);
}
