/**
 * Ticket queries over the store. Writes are batched: one INSERT carries many rows, because with
 * sqlite3 the per-call cost dominates (one 500-row insert ≈ 5× the throughput of one-row calls).
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Ticket, TicketEvent } from '../../shared/domain/ticket';
import type { Schema } from '../schema';
import type { Store } from '../open';
import { rowToEvent, rowToTicket, ticketToRow } from './ticket-row';

/** SQLite's default limit is 32,766 bound variables; tickets have 23 columns. */
const TICKET_ROWS_PER_STATEMENT = 1000;
const EVENT_ROWS_PER_STATEMENT = 5000;

type Db = Pick<Store, 'insertInto' | 'selectFrom' | 'updateTable' | 'deleteFrom'>;

/** Insert or replace tickets by number (call inside a transaction to make a batch atomic). */
export async function upsertTickets(db: Db, tickets: readonly Ticket[]): Promise<void> {
  for (let i = 0; i < tickets.length; i += TICKET_ROWS_PER_STATEMENT) {
    const rows = tickets.slice(i, i + TICKET_ROWS_PER_STATEMENT).map(ticketToRow);
    await db
      .insertInto('tickets')
      .values(rows)
      .onConflict((oc) =>
        oc.column('ticket_no').doUpdateSet((eb) => {
          const cols = Object.keys(rows[0]!).filter((c) => c !== 'ticket_no') as (keyof (typeof rows)[0])[];
          return Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)])) as never;
        }),
      )
      .execute();
  }
}

export async function appendTicketEvents(db: Db, events: readonly TicketEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += EVENT_ROWS_PER_STATEMENT) {
    await db
      .insertInto('ticket_events')
      .values(events.slice(i, i + EVENT_ROWS_PER_STATEMENT).map((e) => ({ ticket_no: e.ticketNo, at: e.at, kind: e.kind, actor: e.actor, note: e.note })))
      .execute();
  }
}

export async function getTicket(db: Db, ticketNo: string): Promise<Ticket | undefined> {
  const row = await db.selectFrom('tickets').selectAll().where('ticket_no', '=', ticketNo).executeTakeFirst();
  return row && rowToTicket(row);
}

export async function getTickets(db: Db, ticketNos: readonly string[]): Promise<Ticket[]> {
  if (!ticketNos.length) return [];
  const rows = await db.selectFrom('tickets').selectAll().where('ticket_no', 'in', ticketNos).execute();
  return rows.map(rowToTicket);
}

export async function getTimeline(db: Db, ticketNo: string): Promise<TicketEvent[]> {
  const rows = await db.selectFrom('ticket_events').selectAll().where('ticket_no', '=', ticketNo).orderBy('at').orderBy('id').execute();
  return rows.map(rowToEvent);
}

export type TicketFilter = {
  status?: readonly string[];
  subDistrictCode?: readonly string[];
  whistleLevel?: readonly string[];
  category?: readonly string[];
  source?: readonly string[];
  crossOnly?: boolean;
  overdueOnly?: boolean;
  openOnly?: boolean;
  search?: string;
};

type Eb = ExpressionBuilder<Schema, 'tickets'>;

function filterExpression(eb: Eb, f: TicketFilter, now: number): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (f.status?.length) and.push(eb('status', 'in', f.status));
  if (f.subDistrictCode?.length) and.push(eb('sub_district_code', 'in', f.subDistrictCode));
  if (f.whistleLevel?.length) and.push(eb('whistle_level', 'in', f.whistleLevel));
  if (f.category?.length) and.push(eb('category', 'in', f.category));
  if (f.source?.length) and.push(eb('source', 'in', f.source));
  if (f.crossOnly) and.push(eb.or([eb('cross_region', '=', 1), eb('cross_level', '=', 1), eb('cross_department', '=', 1)]));
  if (f.openOnly || f.overdueOnly) and.push(eb('status', '<>', 'closed'));
  if (f.overdueOnly) and.push(eb('deadline_at', '<', now));
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

/** Keyset cursor over (received_at desc, ticket_no desc): stable while new tickets arrive. */
export const encodeCursor = (t: Pick<Ticket, 'receivedAt' | 'ticketNo'>) => `${t.receivedAt}:${t.ticketNo}`;
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
    .selectAll()
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
  byStatus: Record<string, number>;
  bySubDistrict: { code: string; open: number; total: number }[];
};

export async function countTickets(db: Db, now: number): Promise<TicketCountsRow> {
  const byStatus = await db.selectFrom('tickets').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const bySub = await db
    .selectFrom('tickets')
    .select([
      'sub_district_code',
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.sum<number>(eb.case().when('status', '<>', 'closed').then(1).else(0).end()).as('open'),
    ])
    .groupBy('sub_district_code')
    .orderBy('sub_district_code')
    .execute();
  const { overdue } = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('overdue'))
    .where('status', '<>', 'closed')
    .where('deadline_at', '<', now)
    .executeTakeFirstOrThrow();
  const statusMap = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  const total = byStatus.reduce((s, r) => s + Number(r.n), 0);
  return {
    total,
    open: total - (statusMap.closed ?? 0),
    overdue: Number(overdue),
    byStatus: statusMap,
    bySubDistrict: bySub.map((r) => ({ code: r.sub_district_code, total: Number(r.total), open: Number(r.open ?? 0) })),
  };
}
