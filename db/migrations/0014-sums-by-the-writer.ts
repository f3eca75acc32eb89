/**
 * 0014: the KPI sums (kpi_day) and the tally (ticket_tally) are kept by the store's one ticket writer
 * (db/queries/ticket-write.ts), set-based for each write, instead of by the row triggers of 0004 and 0005 — one
 * definition of what a ticket contributes (db/queries/ticket-sums.ts), not the triggers beside a set-based copy
 * for big writes. The sums stored so far are what the triggers made; they stay (the writer's rules are the same).
 */
import { sql, type Kysely } from 'kysely';

const TRIGGERS = ['tickets_kpi_insert', 'tickets_kpi_update', 'tickets_kpi_delete', 'tickets_tally_insert', 'tickets_tally_update', 'tickets_tally_delete'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const name of TRIGGERS) await sql.raw(`drop trigger if exists ${name}`).execute(db);
}
