/**
 * 0003: a ticket's timeline moves into the tickets row (JSON), so syncing a ticket is one row write;
 * the outbox of user actions and the quarantine of unappliable hub records are added.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('timeline', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await sql`
    update tickets set timeline = coalesce((
      select json_group_array(json_object('at', e.at, 'kind', e.kind, 'actor', e.actor, 'note', e.note))
      from (select * from ticket_events where ticket_events.ticket_no = tickets.ticket_no order by at, id) e
    ), '[]')`.execute(db);
  await db.schema.dropTable('ticket_events').execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_no', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .addColumn('settled_at', 'integer')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['state', 'seq']).execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .execute();
}
