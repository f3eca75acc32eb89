/** 0001: tickets and their timeline, with the indexes the wall's queries use. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tickets')
    .addColumn('ticket_no', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_at', 'integer', (c) => c.notNull())
    .addColumn('caller_masked', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lng', 'real', (c) => c.notNull())
    .addColumn('lat', 'real', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sub_district_code', 'text', (c) => c.notNull())
    .addColumn('community_code', 'text')
    .addColumn('grid', 'text')
    .addColumn('whistle_level', 'text', (c) => c.notNull())
    .addColumn('cross_region', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cross_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cross_department', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handling_unit', 'text')
    .addColumn('lead_department', 'text')
    .addColumn('co_departments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deadline_at', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'text')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  // The stream: newest first, keyset-paged on (received_at, ticket_no).
  await db.schema.createIndex('tickets_received').on('tickets').columns(['received_at desc', 'ticket_no desc']).execute();
  await db.schema.createIndex('tickets_status').on('tickets').columns(['status', 'received_at desc']).execute();
  await db.schema.createIndex('tickets_sub_district').on('tickets').columns(['sub_district_code', 'status']).execute();
  // Overdue = open and past deadline: a partial index over open tickets only.
  await db.schema.createIndex('tickets_open_deadline').on('tickets').column('deadline_at').where(sql.ref('status'), '<>', 'closed').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_no', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_no', 'at']).execute();
}
