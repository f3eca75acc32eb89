/**
 * 0006: meetings this console takes part in, each as the hub's latest snapshot (canonical JSON of the
 * Meeting), so the meeting screen shows the current item after a restart or while the hub is unreachable.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('ended_at', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
}
