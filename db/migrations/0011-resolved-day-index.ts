/**
 * 0011: the KPI wall's daily 办结 line counts tickets by the day they were resolved (not the day received):
 * an index on the resolution time of tickets resolved or closed, so the window's closures are a range read.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index tickets_resolved_at on tickets (resolved_at) where resolved_at is not null and status in ('resolved', 'closed')`.execute(db);
}
