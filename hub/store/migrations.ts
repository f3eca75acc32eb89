/** The hub store's migrations, in order (the same rules as the console's: explicit list, names only increase). */
import type { Kysely } from 'kysely';
import type { MigrationList } from '../../db/migrate';

const m0001 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_tickets')
      .addColumn('ticket_no', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('changed_at', 'integer', (c) => c.notNull())
      .addColumn('sub_district_code', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_tickets_seq').on('hub_tickets').column('seq').unique().execute();
    await db.schema.createIndex('hub_tickets_sub_seq').on('hub_tickets').columns(['sub_district_code', 'seq']).execute();
    await db.schema
      .createTable('hub_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('station_code', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ticket_no', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .execute();
  },
};

const m0002 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addColumn('ended_at', 'integer')
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_meetings_updated').on('hub_meetings').column('updated_at').execute();
    await db.schema
      .createTable('hub_meeting_ops')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('station_code', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_meeting_photos')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('data_url', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Meeting changes as patches after the meeting's last snapshot (older ones are pruned with each snapshot). */
const m0003 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_meeting_changes')
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('patch', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('hub_meeting_changes_pk', ['meeting_id', 'version'])
      .execute();
  },
};

/** What each action and meeting operation said, as a digest: a reused id with another payload is a conflict. */
const m0004 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('hub_actions').addColumn('digest', 'text').execute();
    await db.schema.alterTable('hub_meeting_ops').addColumn('digest', 'text').execute();
  },
};

export const HUB_MIGRATIONS: MigrationList = [
  ['0001-hub-tickets-actions', m0001],
  ['0002-hub-meetings', m0002],
  ['0003-hub-meeting-changes', m0003],
  ['0004-hub-request-digests', m0004],
];
