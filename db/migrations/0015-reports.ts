/**
 * 0015: reports (报表) kept by the console: one row per report made, its period and the figures as JSON. A scheduled
 * report is made once per kind and period (the unique index); reports made on demand may repeat a period.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('intake', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await sql`create index reports_period on reports (to_day desc, generated_at desc)`.execute(db);
  await sql`create unique index reports_scheduled on reports (kind, from_day, to_day) where trigger = 'schedule'`.execute(db);
}
