/** 0007: 分派规则 — the chair's routing rules (category, place, keywords → lead department). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    /** JSON array of words. */
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('sub_district_code', 'text')
    .addColumn('community_code', 'text')
    .addColumn('lead_department', 'text', (c) => c.notNull())
    .addColumn('from_ticket_no', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}
