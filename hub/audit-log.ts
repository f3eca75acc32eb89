/**
 * 审计日志, the hub's audit trail: every ingest, action, meeting operation, token change and failed login —
 * when, which token (id and name), role, remote address, what (kind, ticket, a digest of the payload), and
 * the result. Append-only: each entry carries the hash of the one before it, so `verifyAudit` finds the
 * first entry that was edited, removed or reordered. Entries are written in the same transaction as what
 * they record (an action and its entry are stored together or not at all); the previous hash is read inside
 * that transaction, so several writers (the hub, the tokens command) keep one chain.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { AUDIT_FAMILIES, type AuditPage, type AuditQuery } from '../shared/hub-protocol';
import type { HubDb } from './store/hub-store';

export type AuditEntry = {
  at: number;
  tokenId: string | null;
  who: string;
  role: string | null;
  address: string | null;
  kind: string;
  ticketNo: string | null;
  digest: string | null;
  result: string;
};

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prev: string, e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.at, e.tokenId, e.who, e.role, e.address, e.kind, e.ticketNo, e.digest, e.result]))
    .digest('hex');
}

/** Append entries, chained to the last one stored. Call inside a transaction. */
export async function appendAudit(trx: HubDb, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const last = await trx.selectFrom('hub_audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((raw) => {
    // What is stored is what is hashed: long texts are cut first.
    const e = { ...raw, who: raw.who.slice(0, 200), result: raw.result.slice(0, 500) };
    const hash = entryHash(prev, e);
    const row = { seq: ++seq, at: e.at, token_id: e.tokenId, who: e.who, role: e.role, address: e.address, kind: e.kind, ticket_no: e.ticketNo, digest: e.digest, result: e.result, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('hub_audit').values(rows.slice(i, i + 500)).execute();
}

export type AuditVerdict =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; seq: number; problem: 'edited' | 'removed' | 'reordered' | 'truncated' };

/** Walk the chain from the start: the first entry whose hash does not cover its fields (edited), whose seq
 * skips (an entry removed before it), or whose previous hash is not its predecessor's (removed or reordered). */
export async function verifyAudit(db: HubDb, anchor?: { seq: number; hash: string }): Promise<AuditVerdict> {
  // The chain alone cannot tell that its newest entries were cut off (nor a chain rebuilt by someone who can
  // write the store): an anchor — a head noted down earlier, outside the hub — can.
  let prev = GENESIS_HASH;
  let expectSeq = 1;
  let n = 0;
  let anchored = !anchor;
  for await (const r of db.selectFrom('hub_audit').selectAll().orderBy('seq').stream(1000)) {
    n++;
    const e: AuditEntry = { at: r.at, tokenId: r.token_id, who: r.who, role: r.role, address: r.address, kind: r.kind, ticketNo: r.ticket_no, digest: r.digest, result: r.result };
    if (r.seq !== expectSeq) return { ok: false, entries: n, seq: r.seq, problem: 'removed' };
    if (entryHash(r.prev_hash, e) !== r.hash) return { ok: false, entries: n, seq: r.seq, problem: 'edited' };
    if (r.prev_hash !== prev) return { ok: false, entries: n, seq: r.seq, problem: 'reordered' };
    if (anchor && r.seq === anchor.seq) {
      if (r.hash !== anchor.hash) return { ok: false, entries: n, seq: r.seq, problem: 'edited' };
      anchored = true;
    }
    prev = r.hash;
    expectSeq++;
  }
  if (!anchored) return { ok: false, entries: n, seq: anchor!.seq, problem: 'truncated' };
  return { ok: true, entries: n, head: n ? { seq: expectSeq - 1, hash: prev } : null };
}

/**
 * Entries that belong to no other write (failed logins): queued and appended in their own transaction, a
 * batch at a time, so a flood of bad logins costs one write per batch, not one each.
 */
export class AuditQueue {
  private queue: AuditEntry[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: HubDb,
    private readonly log: (line: string) => void,
  ) {}

  add(e: AuditEntry): void {
    this.queue.push(e);
    if (!this.flushing) this.flushing = this.flush();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 1000);
        await this.db.transaction().execute((trx) => appendAudit(trx, batch)).catch((e: unknown) => this.log(`audit: ${batch.length} entries not stored: ${String(e)}`));
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Resolves once every queued entry is stored. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}

/** A page of the trail, newest first, by the filters of an audit query (each served by an index). */
export async function queryAudit(db: HubDb, q: z.output<typeof AuditQuery>): Promise<AuditPage> {
  const family = q.kind && (AUDIT_FAMILIES as readonly string[]).includes(q.kind) ? q.kind : null;
  const rows = await db
    .selectFrom('hub_audit')
    .selectAll()
    .$if(q.beforeSeq !== undefined, (b) => b.where('seq', '<', q.beforeSeq!))
    .$if(q.from !== undefined, (b) => b.where('at', '>=', q.from!))
    .$if(q.to !== undefined, (b) => b.where('at', '<', q.to!))
    .$if(!!q.ticketNo, (b) => b.where('ticket_no', '=', q.ticketNo!))
    // A family (action.*) is common: walking the trail newest first and filtering is faster than the kind
    // index, whose matches would all have to be sorted by seq (383 → a few ms at a million entries).
    .$if(!!q.kind, (b) => (family ? b.where(sql<boolean>`(kind = ${family} or substr(kind, 1, ${family.length + 1}) = ${family + '.'})`) : b.where('kind', '=', q.kind!)))
    .$if(!!q.who, (b) => b.where((eb) => eb.or([eb('token_id', '=', q.who!), eb('who', '>=', q.who!).and('who', '<', `${q.who}\uffff`)])))
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const entries = rows.slice(0, q.limit).map((r) => ({ seq: r.seq, at: r.at, tokenId: r.token_id, who: r.who, role: r.role, address: r.address, kind: r.kind, ticketNo: r.ticket_no, digest: r.digest, result: r.result }));
  return { entries, hasMore: rows.length > q.limit };
}
