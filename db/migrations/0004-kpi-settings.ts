/**
 * 0004: KPI aggregates kept by the store itself, and console settings.
 * - kpi_day: per receipt day (Beijing), sub-district and category: intake, 办结 (resolved or closed), on time
 *   (resolved by the deadline), rated call-backs and those rated 满意 (satisfied; 基本满意 does not count), returns (退单). Triggers keep it equal to the
 *   tickets table on every insert, update and delete, so the KPI wall reads a few thousand small rows
 *   instead of scanning a million tickets.
 * - settings: small key/value settings of this console (map pack, wall display and playlist).
 */
import { sql, type Kysely } from 'kysely';

/** The KPI columns of one ticket row `t` (`new`, `old`, or a table alias). */
export function kpiColumns(t: string): string {
  return `date(${t}.received_at / 1000 + 28800, 'unixepoch') as day, ${t}.sub_district_code as sub_district_code, ${t}.category as category,
    1 as intake,
    (${t}.status in ('resolved', 'closed')) as done,
    (${t}.status in ('resolved', 'closed') and coalesce(${t}.resolved_at <= ${t}.deadline_at, 0)) as on_time,
    (${t}.satisfaction is not null) as rated,
    coalesce(${t}.satisfaction = 'satisfied', 0) as satisfied,
    ${t}.return_count as returns`;
}

export const KPI_FIELDS = ['intake', 'done', 'on_time', 'rated', 'satisfied', 'returns'];
/** The ticket columns the KPIs read: an update that changes none of them leaves the sums alone. */
const KPI_INPUTS = ['received_at', 'sub_district_code', 'category', 'status', 'deadline_at', 'satisfaction', 'resolved_at', 'return_count'];

/** The update trigger. */
function kpiUpdateTrigger(): string {
  const changed = KPI_INPUTS.map((c) => `old.${c} is not new.${c}`).join(' or ');
  return `create trigger tickets_kpi_update after update on tickets when ${changed} begin ${contribution('old', -1)} ${contribution('new', 1)} end`;
}

/** Add (sign 1) or take away (sign -1) the KPI contribution of trigger row `new` or `old`. */
function contribution(t: 'new' | 'old', sign: 1 | -1): string {
  return `insert into kpi_day (day, sub_district_code, category, ${KPI_FIELDS.join(', ')})
    select day, sub_district_code, category, ${KPI_FIELDS.map((f) => `${sign} * ${f}`).join(', ')} from (select ${kpiColumns(t)}) where true
    on conflict (day, sub_district_code, category) do update set ${KPI_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')};`;
}

export async function up(db: Kysely<any>): Promise<void> {
  // What the KPIs need of the timeline, kept in columns (written with the row), so triggers never parse JSON.
  await db.schema.alterTable('tickets').addColumn('resolved_at', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update tickets set
    resolved_at = (select max(value ->> 'at') from json_each(tickets.timeline) where value ->> 'kind' = 'resolved'),
    return_count = (select count(*) from json_each(tickets.timeline) where value ->> 'kind' = 'returned')`.execute(db);
  await sql`create table kpi_day (
    day text not null,
    sub_district_code text not null,
    category text not null,
    intake integer not null default 0,
    done integer not null default 0,
    on_time integer not null default 0,
    rated integer not null default 0,
    satisfied integer not null default 0,
    returns integer not null default 0,
    primary key (day, sub_district_code, category)
  ) without rowid`.execute(db);
  await sql.raw(`create trigger tickets_kpi_insert after insert on tickets begin ${contribution('new', 1)} end`).execute(db);
  // Only a change to what the KPIs read moves them (a comment appended to the timeline costs nothing here).
  await sql.raw(kpiUpdateTrigger()).execute(db);
  await sql.raw(`create trigger tickets_kpi_delete after delete on tickets begin ${contribution('old', -1)} end`).execute(db);
  // Tickets already in the store (an upgraded console): their contributions, as the triggers would have made them.
  await sql
    .raw(
      `insert into kpi_day (day, sub_district_code, category, ${KPI_FIELDS.join(', ')})
       select day, sub_district_code, category, ${KPI_FIELDS.map((f) => `sum(${f})`).join(', ')}
       from (select ${kpiColumns('t')} from tickets t) group by day, sub_district_code, category`,
    )
    .execute(db);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}
