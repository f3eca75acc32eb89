/**
 * The hub's ticket store: upserts that record a change only when something changed, the change feed,
 * and the action log. All writes go through the one serialised connection of the dialect, so seqs are
 * assigned in commit order.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { openMigratedDatabase } from '../../db/migrate';
import type { TicketRecord } from '../../shared/domain/ticket';
import { appendAudit, type AuditEntry } from '../audit-log';
import { HUB_MIGRATIONS } from './migrations';
import type { HubSchema } from './schema';

export type HubDb = Kysely<HubSchema>;
export type StoredChange = { seq: number; changedAt: number; body: string };
/** What applying an action decides: the ticket's new record (if it changes), the answer, and any other write of
 * the same transaction (a register's record). */
export type ActionDecision<A> = { store?: { record: TicketRecord; body: string }; answer: (seq: number) => A; also?: (trx: HubDb) => Promise<void> };

const ROWS_PER_STATEMENT = 2000;
const LOOKUP_CHUNK = 5000;

export class HubStore {
  private constructor(
    readonly db: HubDb,
    private headSeq: number,
  ) {}

  /** `cacheKib`: the store's page cache (a hub of its own keeps the writer's large default). */
  static async open(filename: string, o: { cacheKib?: number } = {}): Promise<HubStore> {
    const db = await openMigratedDatabase<HubSchema>({ filename, migrations: HUB_MIGRATIONS, cacheKib: o.cacheKib });
    const row = await db.selectFrom('hub_tickets').select((eb) => eb.fn.max<number>('seq').as('head')).executeTakeFirst();
    return new HubStore(db, Number(row?.head ?? 0));
  }

  get head(): number {
    return this.headSeq;
  }

  /**
   * Upsert canonical records. A record for a ticket the hub already holds goes through `merge` with the stored
   * body first (a re-ingest keeps the steps taken in Liandong); a merge that cannot be applied is refused with
   * its reason, the others are stored. Returns the changes recorded (identical repeats record none), in seq
   * order. Runs in one transaction: either every accepted record is stored with its seqs, or none.
   */
  async upsert(
    records: readonly { record: TicketRecord; body: string }[],
    now: number,
    merge?: (storedBody: string, incoming: TicketRecord) => { record: TicketRecord; body: string } | { error: string },
    /** The audit entry for what this write did (stored in the same transaction). */
    audit?: (changed: number, refused: number) => AuditEntry,
  ): Promise<{ changes: StoredChange[]; refused: { ticketNo: string; error: string }[]; created: number }> {
    if (!records.length) return { changes: [], refused: [], created: 0 };
    return this.db.transaction().execute(async (trx) => {
      // Later records in a batch win over earlier ones with the same number.
      const latest = new Map<string, { record: TicketRecord; body: string }>();
      for (const r of records) latest.set(r.record.ticket.ticketNo, r);
      const existing = new Map<string, string>();
      const numbers = [...latest.keys()];
      for (let i = 0; i < numbers.length; i += LOOKUP_CHUNK) {
        const rows = await trx.selectFrom('hub_tickets').select(['ticket_no', 'body']).where('ticket_no', 'in', numbers.slice(i, i + LOOKUP_CHUNK)).execute();
        for (const r of rows) existing.set(r.ticket_no, r.body);
      }
      const refused: { ticketNo: string; error: string }[] = [];
      const changed: { record: TicketRecord; body: string }[] = [];
      let created = 0;
      for (const r of latest.values()) {
        const stored = existing.get(r.record.ticket.ticketNo);
        const next = stored !== undefined && merge && stored !== r.body ? merge(stored, r.record) : r;
        if ('error' in next) refused.push({ ticketNo: r.record.ticket.ticketNo, error: next.error });
        else if (stored !== next.body) {
          changed.push(next);
          if (stored === undefined) created++;
        }
      }
      const changes = await this.writeChanges(trx, changed, now);
      if (audit) await appendAudit(trx, [audit(changes.length, refused.length)]);
      return { changes, refused, created };
    });
  }

  /**
   * Apply an action once: `decide` sees the ticket's current body (or undefined) and returns the new record
   * to store, or a refusal. The action's answer is stored with it in the same transaction, so a repeat of
   * the same id gets the same answer even across a hub restart.
   */
  async applyOnce<A>(
    action: { id: string; ticketNo: string; kind: string; role: string; stationCode: string | null; digest: string },
    now: number,
    decide: (body: string | undefined, trx: HubDb) => ActionDecision<A> | Promise<ActionDecision<A>>,
    /** The audit entry for the answer given (stored in the same transaction; none for a repeat). */
    audit?: (answer: A) => AuditEntry,
  ): Promise<{ answer: A; duplicate: boolean; change?: StoredChange } | { reused: true }> {
    return this.db.transaction().execute(async (trx) => {
      const previous = await trx.selectFrom('hub_actions').select(['result', 'digest']).where('id', '=', action.id).executeTakeFirst();
      if (previous && previous.digest !== null && previous.digest !== action.digest) return { reused: true as const };
      if (previous) return { answer: JSON.parse(previous.result) as A, duplicate: true };
      const row = await trx.selectFrom('hub_tickets').select('body').where('ticket_no', '=', action.ticketNo).executeTakeFirst();
      const decision = await decide(row?.body, trx);
      const [change] = decision.store ? await this.writeChanges(trx, [decision.store], now) : [];
      await decision.also?.(trx);
      const answer = decision.answer(change?.seq ?? this.headSeq);
      await trx
        .insertInto('hub_actions')
        .values({ id: action.id, at: now, role: action.role, station_code: action.stationCode, kind: action.kind, ticket_no: action.ticketNo, result: JSON.stringify(answer), digest: action.digest })
        .execute();
      if (audit) await appendAudit(trx, [audit(answer)]);
      return { answer, duplicate: false, change };
    });
  }

  /** Store changed records with the next seqs. Only call inside a transaction. */
  private async writeChanges(trx: HubDb, changed: readonly { record: TicketRecord; body: string }[], now: number): Promise<StoredChange[]> {
    const out: StoredChange[] = [];
    let seq = this.headSeq;
    for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
      const chunk = changed.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      for (const r of chunk) {
        seq++;
        params.push(r.record.ticket.ticketNo, seq, now, r.record.ticket.subDistrictCode, r.body);
        out.push({ seq, changedAt: now, body: r.body });
      }
      await trx.executeQuery(
        CompiledQuery.raw(
          `insert into hub_tickets (ticket_no, seq, changed_at, sub_district_code, body) values ${Array(chunk.length).fill('(?,?,?,?,?)').join(',')}
           on conflict (ticket_no) do update set seq = excluded.seq, changed_at = excluded.changed_at, sub_district_code = excluded.sub_district_code, body = excluded.body`,
          params,
        ),
      );
    }
    // A failed statement throws before this line, and the transaction rolls back: the head never runs ahead.
    // If the commit itself fails the head has moved: the next write then leaves a gap in seqs, which readers tolerate.
    this.headSeq = seq;
    return out;
  }

  async getBody(ticketNo: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('hub_tickets').select('body').where('ticket_no', '=', ticketNo).executeTakeFirst();
    return row?.body;
  }

  /**
   * One chunk of the feed after `after`, in seq order, each body as its UTF-8 bytes (the feed is sent on as
   * bytes: no decoding into JavaScript strings and encoding back). Callers stream a page as several chunks:
   * each is a short query, so the single connection is never held while a slow client reads (ingest never
   * waits on it).
   */
  async changesChunk(after: number, limit: number, subDistrictCode: string | null): Promise<{ seq: number; changed_at: number; body: Buffer }[]> {
    return this.db
      .selectFrom('hub_tickets')
      .select(['seq', 'changed_at', sql<Buffer>`cast(body as blob)`.as('body')])
      .where('seq', '>', after)
      .$if(subDistrictCode !== null, (qb) => qb.where('sub_district_code', '=', subDistrictCode!))
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async findAction(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('hub_actions').select('result').where('id', '=', id).executeTakeFirst();
    return row?.result;
  }

  /** A stable digest of every ticket's canonical record (tests compare a console against it). */
  async contentHash(): Promise<string> {
    const h = createHash('sha256');
    for await (const r of this.db.selectFrom('hub_tickets').select(['ticket_no', 'body']).orderBy('ticket_no').stream(1000)) h.update(r.ticket_no).update('\0').update(r.body).update('\n');
    return h.digest('hex');
  }

  async count(): Promise<number> {
    const r = await sql<{ n: number }>`select count(*) as n from hub_tickets`.execute(this.db);
    return Number(r.rows[0]!.n);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
