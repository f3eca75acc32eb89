/** The escalation check's candidates: open tickets that may meet a rule, most overdue first (indexes: 0008). */
import { sql } from 'kysely';
import type { Store } from '../open';

export type EscalationCandidate = { ticket_no: string; whistle_level: string; deadline_at: number; return_count: number; cross: number; warned: number; queued: number };

export function escalationCandidatesQuery(db: Pick<Store, 'selectFrom'>, now: number, limit: number) {
  return db
    .selectFrom('tickets as t')
    .select(['t.ticket_no', 't.whistle_level', 't.deadline_at', 't.return_count'])
    .select((eb) => [
      sql<number>`t.cross_region or t.cross_level or t.cross_department`.as('cross'),
      eb.exists(eb.selectFrom('warnings as w').select('w.id').whereRef('w.latest_ticket_no', '=', 't.ticket_no').where('w.cleared_at', 'is', null)).as('warned'),
      eb.exists(eb.selectFrom('outbox as o').select('o.id').whereRef('o.ticket_no', '=', 't.ticket_no').where('o.kind', '=', 'escalate').where('o.state', '=', 'pending')).as('queued'),
    ])
    .where('t.status', 'not in', ['resolved', 'closed'])
    .where('t.whistle_level', '<>', 'difficult')
    .where((eb) =>
      eb.or([
        eb('t.deadline_at', '<', now),
        eb('t.return_count', '>=', 2),
        sql<boolean>`(t.cross_region or t.cross_level or t.cross_department)`,
        eb.exists(eb.selectFrom('warnings as w').select('w.id').whereRef('w.latest_ticket_no', '=', 't.ticket_no').where('w.cleared_at', 'is', null)),
      ]),
    )
    .orderBy('t.deadline_at')
    .limit(limit);
}

export async function escalationCandidates(db: Pick<Store, 'selectFrom'>, now: number, limit: number): Promise<EscalationCandidate[]> {
  return (await escalationCandidatesQuery(db, now, limit).execute()) as EscalationCandidate[];
}

/** The same facts for these tickets when open and below 疑难哨 (a preview asks about tickets a new warning would name). */
export async function openTicketFacts(db: Pick<Store, 'selectFrom'>, ticketNos: readonly string[], opts: { belowDifficult: boolean } = { belowDifficult: true }): Promise<EscalationCandidate[]> {
  const out: EscalationCandidate[] = [];
  for (let i = 0; i < ticketNos.length; i += 500) {
    const rows = await db
      .selectFrom('tickets as t')
      .select(['t.ticket_no', 't.whistle_level', 't.deadline_at', 't.return_count'])
      .select([sql<number>`t.cross_region or t.cross_level or t.cross_department`.as('cross'), sql<number>`0`.as('warned'), sql<number>`0`.as('queued')])
      .where('t.ticket_no', 'in', ticketNos.slice(i, i + 500))
      .where('t.status', 'not in', ['resolved', 'closed'])
      .$if(opts.belowDifficult, (qb) => qb.where('t.whistle_level', '<>', 'difficult'))
      .execute();
    out.push(...(rows as EscalationCandidate[]));
  }
  return out;
}

export async function ticketSummaries(db: Pick<Store, 'selectFrom'>, ticketNos: readonly string[]): Promise<Map<string, string>> {
  if (!ticketNos.length) return new Map();
  const rows = await db.selectFrom('tickets').select(['ticket_no', 'summary']).where('ticket_no', 'in', ticketNos.slice(0, 500)).execute();
  return new Map(rows.map((r) => [r.ticket_no, r.summary]));
}
