/** The hub store's migrations, in order (the same rules as the console's: explicit list, names only increase). */
import { sql, type Kysely } from 'kysely';
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

/**
 * One identity per device and person: tokens by id with only their hash kept (role, sub-district, name,
 * expiry, revocation); and the audit trail, append-only, each entry carrying the hash of the one before.
 */
const m0005 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('station_code', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'integer')
      .addColumn('revoked_at', 'integer')
      .addColumn('changed_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_tokens_changed').on('hub_tokens').column('changed_at').execute();
    await db.schema
      .createTable('hub_audit')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('token_id', 'text')
      .addColumn('who', 'text', (c) => c.notNull())
      .addColumn('role', 'text')
      .addColumn('address', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ticket_no', 'text')
      .addColumn('digest', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_audit_at').on('hub_audit').column('at').execute();
    await db.schema.createIndex('hub_audit_ticket').on('hub_audit').columns(['ticket_no', 'seq']).execute();
    await db.schema.createIndex('hub_audit_kind').on('hub_audit').columns(['kind', 'seq']).execute();
    await db.schema.createIndex('hub_audit_token').on('hub_audit').columns(['token_id', 'seq']).execute();
  },
};

/** 0006: imports — jobs (state, mapping, progress and report as JSON), saved column mappings, the category map
 * and the texts it did not know, which ticket came in under which unknown text (so a later mapping moves it),
 * and the loaded gazetteer. */
const m0006 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_import_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('token_id', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_import_jobs_created').on('hub_import_jobs').column('created_at').execute();
    await db.schema
      .createTable('hub_import_mappings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('saved_at', 'integer', (c) => c.notNull())
      .addColumn('by_header', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_category_map')
      .addColumn('text', 'text', (c) => c.primaryKey())
      .addColumn('category', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_category_unknown')
      .addColumn('text', 'text', (c) => c.primaryKey())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_import_category_tickets')
      .addColumn('ticket_no', 'text', (c) => c.primaryKey())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_import_category_tickets_text').on('hub_import_category_tickets').column('text').execute();
    await db.schema
      .createTable('hub_gazetteer')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('loaded_at', 'integer', (c) => c.notNull())
      .addColumn('entries', 'text', (c) => c.notNull())
      .execute();
  },
};

/** 0007: the ticket numbers an import job has landed, with their rows — a number the same file holds again is
 * refused with the row it repeats, across batches and resumes, without holding a million numbers in memory. */
const m0007 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_import_seen')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('ticket_no', 'text', (c) => c.notNull())
      .addColumn('row', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('hub_import_seen_pk', ['job_id', 'ticket_no'])
      .modifyEnd(sql`without rowid`)
      .execute();
  },
};

/** 0008: one-time site links (现场连线 from a phone): only the key's hash is kept, with its link, its expiry, and the
 * phone that opened it first (another phone is refused; the same one may come back after it was locked). */
const m0008 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_site_keys')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('link_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'integer', (c) => c.notNull())
      .addColumn('device', 'text')
      .addColumn('claimed_at', 'integer')
      .addColumn('revoked_at', 'integer')
      .execute();
    await db.schema.createIndex('hub_site_keys_link').on('hub_site_keys').column('link_id').execute();
  },
};

/** 0009: the supervision registers (shared/supervision.ts): each record's latest version at its seq in the
 * registers' own feed (a compacted log, like hub_tickets), and the photos of supervisors' site visits. */
const m0009 = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('hub_registers')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('changed_at', 'integer', (c) => c.notNull())
      .addColumn('sub_district_code', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_register_photos')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('register_key', 'text', (c) => c.notNull())
      .addColumn('sub_district_code', 'text')
      .addColumn('data_url', 'text', (c) => c.notNull())
      .execute();
  },
};

export const HUB_MIGRATIONS: MigrationList = [
  ['0001-hub-tickets-actions', m0001],
  ['0002-hub-meetings', m0002],
  ['0003-hub-meeting-changes', m0003],
  ['0004-hub-request-digests', m0004],
  ['0005-hub-tokens-audit', m0005],
  ['0006-hub-imports', m0006],
  ['0007-hub-import-seen', m0007],
  ['0008-hub-site-keys', m0008],
  ['0009-hub-registers', m0009],
];
