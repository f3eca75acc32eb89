/**
 * Ticket reads over the store (a ticket, its timeline, lists, counts) and the one local change that is not a
 * ticket version: a timeline entry of a not-yet-delivered action. Ticket versions are written by ticket-write.ts.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { DUE_SOON_MS, type Ticket, type TimelineEntry } from '../../shared/domain/ticket';
import { encodeCursor, type TicketFilter } from '../../shared/domain/ticket-filter';
import type { Schema, TicketsTable } from '../schema';
import type { Store } from '../open';
import { beijingDay, dueSoonCount, overdueBySubDistrict } from './kpi';
import { rowToTicket, rowToTimeline, TICKET_COLUMNS } from './ticket-row';

/** What the reads need (a reader connection will do). */
type Db = Pick<Store, 'selectFrom' | 'executeQuery' | 'getExecutor'>;

/** Every column but the timeline: lists never need it. */
export const LIST_COLUMNS = TICKET_COLUMNS.filter((c) => c !== 'timeline') as Exclude<keyof TicketsTable, 'timeline' | 'changed_mark'>[];

/** Append one entry to a ticket's timeline (used for local, not-yet-delivered actions). */
export async function appendTimeline(db: Pick<Store, 'updateTable'>, ticketNo: string, entry: TimelineEntry): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ timeline: sql`json_insert(timeline, '$[#]', json(${JSON.stringify(entry)}))` })
    .where('ticket_no', '=', ticketNo)
    .execute();
}

export async function getTicket(db: Db, ticketNo: string): Promise<Ticket | undefined> {
  const row = await db.selectFrom('tickets').select(LIST_COLUMNS).where('ticket_no', '=', ticketNo).executeTakeFirst();
  return row && rowToTicket(row);
}

export async function getTimeline(db: Db, ticketNo: string): Promise<TimelineEntry[]> {
  const row = await db.selectFrom('tickets').select('timeline').where('ticket_no', '=', ticketNo).executeTakeFirst();
  return row ? rowToTimeline(row.timeline) : [];
}

export type { TicketFilter };

type Eb = ExpressionBuilder<Schema, 'tickets'>;

function filterExpression(eb: Eb, f: TicketFilter, now: number): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (f.status?.length) and.push(eb('status', 'in', f.status));
  if (f.subDistrictCode?.length) and.push(eb('sub_district_code', 'in', f.subDistrictCode));
  if (f.whistleLevel?.length) and.push(eb('whistle_level', 'in', f.whistleLevel));
  if (f.category?.length) and.push(eb('category', 'in', f.category));
  if (f.source?.length) and.push(eb('source', 'in', f.source));
  if (f.crossOnly) and.push(eb.or([eb('cross_region', '=', 1), eb('cross_level', '=', 1), eb('cross_department', '=', 1)]));
  if (f.openOnly || f.overdueOnly || f.dueSoonOnly) and.push(eb('status', '<>', 'closed'));
  // Overdue: unresolved and past the deadline (the literal status <> 'closed' above lets SQLite use the partial index).
  if (f.overdueOnly) and.push(eb('status', '<>', 'resolved'), eb('deadline_at', '<', now));
  if (f.dueSoonOnly) and.push(eb('status', '<>', 'resolved'), eb('deadline_at', '>=', now), eb('deadline_at', '<', now + DUE_SOON_MS));
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    and.push(
      eb.or([
        sql<SqlBool>`${eb.ref('ticket_no')} like ${like} escape '\\'`,
        sql<SqlBool>`${eb.ref('summary')} like ${like} escape '\\'`,
        sql<SqlBool>`${eb.ref('address')} like ${like} escape '\\'`,
      ]),
    );
  }
  return eb.and(and);
}

/** Keyset cursor over (received_at desc, ticket_no desc): stable while new tickets arrive (encodeCursor in shared/). */
export function decodeCursor(cursor: string): { receivedAt: number; ticketNo: string } | undefined {
  const m = /^(\d{1,16}):(.+)$/.exec(cursor);
  return m ? { receivedAt: Number(m[1]), ticketNo: m[2]! } : undefined;
}

export async function listTickets(
  db: Db,
  filter: TicketFilter,
  page: { limit: number; cursor?: { receivedAt: number; ticketNo: string } },
  now: number,
): Promise<{ items: Ticket[]; total: number; nextCursor: string | null }> {
  const cursor = page.cursor;
  const rows = await db
    .selectFrom('tickets')
    .select(LIST_COLUMNS)
    .where((eb) => filterExpression(eb, filter, now))
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([eb('received_at', '<', cursor!.receivedAt), eb.and([eb('received_at', '=', cursor!.receivedAt), eb('ticket_no', '<', cursor!.ticketNo)])]),
      ),
    )
    .orderBy('received_at', 'desc')
    .orderBy('ticket_no', 'desc')
    .limit(page.limit + 1)
    .execute();
  const { total } = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => filterExpression(eb, filter, now))
    .executeTakeFirstOrThrow();
  const items = rows.slice(0, page.limit).map(rowToTicket);
  const nextCursor = rows.length > page.limit ? encodeCursor(items[items.length - 1]!) : null;
  return { items, total: Number(total), nextCursor };
}

export type TicketCountsRow = {
  total: number;
  open: number;
  overdue: number;
  /** Unresolved, due within the next 24 hours. */
  dueSoon: number;
  /** Received since 00:00 Beijing today. */
  receivedToday: number;
  byStatus: Record<string, number>;
  bySubDistrict: { code: string; open: number; total: number }[];
};

export async function countTickets(db: Db, now: number): Promise<TicketCountsRow> {
  // Totals come from the tally the triggers keep (0005); overdue from its deadline days and today's index range.
  const tally = await db
    .selectFrom('ticket_tally')
    .select(['sub_district_code', 'status', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy(['sub_district_code', 'status'])
    .having((eb) => eb.fn.sum('n'), '<>', 0)
    .execute();
  const overdueBy = await overdueBySubDistrict(db, now);
  const dueSoon = await dueSoonCount(db, now);
  const today = await sql<{ n: number }>`select coalesce(sum(intake), 0) as n from kpi_day where day = ${beijingDay(now)}`.execute(db);
  const statusMap: Record<string, number> = {};
  const subs = new Map<string, { code: string; total: number; open: number }>();
  for (const r of tally) {
    const n = Number(r.n);
    statusMap[r.status] = (statusMap[r.status] ?? 0) + n;
    const s = subs.get(r.sub_district_code) ?? { code: r.sub_district_code, total: 0, open: 0 };
    s.total += n;
    if (r.status !== 'closed') s.open += n;
    subs.set(r.sub_district_code, s);
  }
  const total = Object.values(statusMap).reduce((a, n) => a + n, 0);
  return {
    total,
    open: total - (statusMap.closed ?? 0),
    overdue: [...overdueBy.values()].reduce((a, n) => a + n, 0),
    dueSoon,
    receivedToday: Number(today.rows[0]?.n ?? 0),
    byStatus: statusMap,
    bySubDistrict: [...subs.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
}
