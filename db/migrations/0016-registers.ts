/**
 * 0016: the supervision registers as the hub last sent them (shared/supervision.ts): each record's latest
 * version by kind and id, at the hub's seq (the highest is where the next read starts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registers')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sub_district_code', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registers_kind').on('registers').columns(['kind', 'id']).execute();
  await db.schema.createIndex('registers_seq').on('registers').column('seq').execute();
}
