/**
 * 0005:
 * - early warnings (预警) raised by this console, kept until the matter falls back under the threshold
 *   (cleared), with when they were acknowledged and the outbox action that carried it;
 * - ticket_tally: tickets per sub-district, status and (while unresolved) deadline day, kept by triggers, so
 *   the wall's counts (open, totals, per status and sub-district, overdue up to today) never scan a million
 *   rows: only today's deadlines are read from the tickets' index;
 * - the partial index of open tickets by deadline also covers status and sub-district (overdue per
 *   sub-district is read from the index alone).
 */
import { sql, type Kysely } from 'kysely';

/** The Beijing day of an unresolved ticket's deadline; '' once resolved or closed (its deadline no longer counts). */
export const deadlineDay = (t: string) => `case when ${t}.status in ('resolved', 'closed') then '' else date(${t}.deadline_at / 1000 + 28800, 'unixepoch') end`;
const tally = (t: 'new' | 'old', sign: 1 | -1) =>
  `insert into ticket_tally (sub_district_code, status, deadline_day, n) values (${t}.sub_district_code, ${t}.status, ${deadlineDay(t)}, ${sign})
   on conflict (sub_district_code, status, deadline_day) do update set n = n + excluded.n;`;

/** The update trigger. */
function tallyUpdateTrigger(): string {
  return `create trigger tickets_tally_update after update of sub_district_code, status, deadline_at on tickets begin ${tally('old', -1)} ${tally('new', 1)} end`;
}

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

  await sql`create table ticket_tally (
    sub_district_code text not null, status text not null, deadline_day text not null, n integer not null,
    primary key (sub_district_code, status, deadline_day)) without rowid`.execute(db);
  await sql.raw(`create trigger tickets_tally_insert after insert on tickets begin ${tally('new', 1)} end`).execute(db);
  await sql.raw(tallyUpdateTrigger()).execute(db);
  await sql.raw(`create trigger tickets_tally_delete after delete on tickets begin ${tally('old', -1)} end`).execute(db);
  await sql
    .raw(`insert into ticket_tally (sub_district_code, status, deadline_day, n)
      select sub_district_code, status, ${deadlineDay('t')} as d, count(*) from tickets t group by sub_district_code, status, d`)
    .execute(db);

  await db.schema.dropIndex('tickets_open_deadline').execute();
  await db.schema.createIndex('tickets_open_deadline').on('tickets').columns(['deadline_at', 'status', 'sub_district_code']).where(sql.ref('status'), '<>', 'closed').execute();
}
