/** The outbox: user actions stored before delivery, delivered in order, settled once. */
import { sql } from 'kysely';
import type { OutboxTable } from '../schema';
import type { Store } from '../open';

type Db = Pick<Store, 'insertInto' | 'selectFrom' | 'updateTable'>;
export type OutboxRow = Omit<OutboxTable, 'seq'> & { seq: number };

export async function enqueue(db: Db, row: { id: string; createdAt: number; kind: string; ticketNo: string | null; payload: string }): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: row.id,
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from outbox)`,
      created_at: row.createdAt,
      kind: row.kind,
      ticket_no: row.ticketNo,
      payload: row.payload,
      state: 'pending',
      attempts: 0,
      next_attempt_at: row.createdAt,
      last_error: null,
      result: null,
      settled_at: null,
    })
    .execute();
}

/** The oldest pending action (delivery is strictly in order: a retrying head holds the rest back). */
export async function headOfQueue(db: Db): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('state', '=', 'pending').orderBy('seq').limit(1).executeTakeFirst();
}

export async function settle(db: Db, id: string, state: 'delivered' | 'rejected', at: number, result: string | null, error: string | null): Promise<void> {
  await db.updateTable('outbox').set({ state, settled_at: at, result, last_error: error }).where('id', '=', id).where('state', '=', 'pending').execute();
}

export async function postpone(db: Db, id: string, nextAttemptAt: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, last_error: error }))
    .where('id', '=', id)
    .execute();
}

export async function getOutboxRows(db: Db, ids: readonly string[]): Promise<OutboxRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('outbox').selectAll().where('id', 'in', ids).execute();
}

export async function listOutbox(db: Db, filter: { id?: string; ticketNo?: string; states?: readonly OutboxTable['state'][]; limit: number }): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .$if(!!filter.id, (q) => q.where('id', '=', filter.id!))
    .$if(!!filter.ticketNo, (q) => q.where('ticket_no', '=', filter.ticketNo!))
    .$if(!!filter.states?.length, (q) => q.where('state', 'in', filter.states!))
    .orderBy('seq', 'desc')
    .limit(filter.limit)
    .execute();
}

export async function countPending(db: Db): Promise<number> {
  const { n } = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
  return Number(n);
}
