/**
 * 0005: early warnings (预警) raised by this console, kept until the matter falls back under the threshold
 * (cleared) — with who acknowledged them and the outbox action that carried the acknowledgement.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('place_code', 'text', (c) => c.notNull())
    .addColumn('sub_district_code', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'integer', (c) => c.notNull())
    .addColumn('latest_ticket_no', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'integer', (c) => c.notNull())
    .addColumn('cleared_at', 'integer')
    .addColumn('acknowledged_at', 'integer')
    .addColumn('ack_action_id', 'text')
    .execute();
  await db.schema.createIndex('warnings_active').on('warnings').columns(['cleared_at', 'raised_at']).execute();
}
