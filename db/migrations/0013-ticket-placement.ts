/**
 * 0013: a ticket says how it was placed (`placement`: exact, compound, community, subDistrict, none — see
 * shared/domain/ticket.ts), and an unplaced ticket (none, 未定位) has no point: lng and lat become nullable.
 *
 * SQLite cannot drop NOT NULL with ALTER TABLE, so the table is rebuilt as SQLite documents it
 * (https://www.sqlite.org/lang_altertable.html#otheralter), in one transaction: the new table with the same
 * columns and types (lng, lat nullable; placement last, 'exact' for every ticket already stored), the rows copied
 * with their rowids (rowids only grow: ticket-indexes.ts relies on it), the old table dropped, the new one renamed,
 * then every index and trigger the old table had built again from its own text as sqlite_master kept it — the
 * partial indexes, and the kpi_day and ticket_tally triggers, which the copy does not fire (it writes the new
 * table before they exist), so the sums stay as they were. Indexes a bulk load had set aside are not in
 * sqlite_master but in set_aside_indexes; they are built when the store opens, on the new table, as before.
 *
 * Also an index of the unplaced tickets, so the map's "另有 N 件未定位" is an index read.
 */
import { sql, type Kysely } from 'kysely';

/** The tickets table's columns at 0012, in order. */
const COLUMNS = [
  'ticket_no', 'source', 'received_at', 'caller_masked', 'summary', 'address', 'lng', 'lat', 'category', 'sub_district_code', 'community_code', 'grid',
  'whistle_level', 'cross_region', 'cross_level', 'cross_department', 'handling_unit', 'lead_department', 'co_departments', 'deadline_at', 'status',
  'satisfaction', 'updated_at', 'timeline', 'resolved_at', 'return_count', 'changed_mark',
];

/** The same definitions as 0001, 0003, 0004 and 0009 made them, but lng and lat nullable, and placement. */
const NEW_TABLE = `create table tickets_0013 ("ticket_no" text primary key, "source" text not null, "received_at" integer not null,
  "caller_masked" text not null, "summary" text not null, "address" text not null, "lng" real, "lat" real, "category" text not null,
  "sub_district_code" text not null, "community_code" text, "grid" text, "whistle_level" text not null, "cross_region" integer default 0 not null,
  "cross_level" integer default 0 not null, "cross_department" integer default 0 not null, "handling_unit" text, "lead_department" text,
  "co_departments" text default '[]' not null, "deadline_at" integer not null, "status" text not null, "satisfaction" text,
  "updated_at" integer not null, "timeline" text default '[]' not null, "resolved_at" integer, "return_count" integer default 0 not null,
  "changed_mark" integer not null default 0, "placement" text not null default 'exact')`;

export async function up(db: Kysely<any>): Promise<void> {
  const columns = (await sql<{ name: string }>`select name from pragma_table_info('tickets') order by cid`.execute(db)).rows.map((r) => r.name);
  // Rebuilt already: the migration's transaction committed but the console stopped before the migration was recorded.
  if (columns.includes('placement')) return;
  if (columns.join() !== COLUMNS.join()) throw new Error(`tickets has columns ${columns.join(', ')}; 0013 expects ${COLUMNS.join(', ')}`);
  await db.transaction().execute(async (trx) => {
    const kept = (
      await sql<{ type: 'index' | 'trigger'; name: string; sql: string }>`
        select type, name, sql from sqlite_master where tbl_name = 'tickets' and type in ('index', 'trigger') and sql is not null order by type, name`.execute(trx)
    ).rows;
    const before = Number((await sql<{ n: number }>`select count(*) as n from tickets`.execute(trx)).rows[0]!.n);
    await sql.raw(NEW_TABLE).execute(trx);
    const list = COLUMNS.map((c) => `"${c}"`).join(', ');
    await sql.raw(`insert into tickets_0013 (rowid, ${list}) select rowid, ${list} from tickets`).execute(trx);
    for (const t of kept.filter((o) => o.type === 'trigger')) await sql.raw(`drop trigger "${t.name}"`).execute(trx);
    await sql`drop table tickets`.execute(trx);
    await sql`alter table tickets_0013 rename to tickets`.execute(trx);
    // Indexes first, then the triggers, each from the text it was created with.
    for (const o of kept) await sql.raw(o.sql).execute(trx);
    await sql`create index tickets_unplaced on tickets (status) where lng is null`.execute(trx);
    const after = Number((await sql<{ n: number }>`select count(*) as n from tickets`.execute(trx)).rows[0]!.n);
    if (after !== before) throw new Error(`0013 copied ${after} of ${before} tickets`);
  });
}
