/**
 * Checking what a hub sent before anything is applied (pure). A change that fails validation, or whose
 * seq does not move forward, is set aside for quarantine with its reason; the rest is applied.
 * A page whose envelope is unreadable is refused whole (the cursor does not move).
 */
import { describeZodError } from '../../../shared/rpc/errors';
import { Change, ChangePush, ChangesPage } from '../../../shared/hub-protocol';
import type { Ticket, TicketRecord } from '../../../shared/domain/ticket';
import { acceptedChange, encodeAccepted, type EncodedAccepted } from '../../../db/queries/ticket-write';
import type { PageBody } from './hub-link';
import type { QuarantineEntry } from '../../../db/queries/quarantine';

export type CheckedBatch = {
  records: TicketRecord[];
  /** For each record, the index of its change in the list checked (the last change of each ticket). */
  indexes: number[];
  quarantined: QuarantineEntry[];
  /** The cursor after this batch. */
  lastSeq: number;
  /** changedAt of the newest applied change (for lag), if any. */
  newestChangedAt: number | null;
};

export class PageRefusedError extends Error {}

const rawOf = (x: unknown) => {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
};
const seqOf = (x: unknown): number | undefined => {
  const s = (x as { seq?: unknown } | null)?.seq;
  return typeof s === 'number' && Number.isSafeInteger(s) && s > 0 ? s : undefined;
};

/**
 * Where the page says it ends, read from the end of its text without parsing it (a page of the reference hub
 * ends `],"lastSeq":N,"headSeq":N,"hasMore":B}`), so the next page can be asked for while this one is
 * parsed. `checkPage` then refuses a page whose parsed envelope disagrees. Undefined for other layouts.
 */
export function peekPageEnd(body: PageBody): { lastSeq: number; hasMore: boolean } | undefined {
  const tail = typeof body === 'string' ? body.slice(-120) : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1', Math.max(0, body.byteLength - 120));
  const m = /"lastSeq":(\d{1,16}),"headSeq":\d{1,16},"hasMore":(true|false)\}\s*$/.exec(tail);
  return m ? { lastSeq: Number(m[1]), hasMore: m[2] === 'true' } : undefined;
}

export type CheckedPage = CheckedBatch & { headSeq: number; hasMore: boolean };

export function checkPage(text: string, after: number): CheckedPage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PageRefusedError(`hub sent unreadable changes (invalid JSON: ${e instanceof Error ? e.message : String(e)})`);
  }
  const page = ChangesPage.safeParse(raw);
  if (!page.success) throw new PageRefusedError(`hub sent a malformed page: ${describeZodError(page.error)}`);
  const { changes, lastSeq, headSeq, hasMore } = page.data;
  if (lastSeq < after) throw new PageRefusedError(`hub's sequence went backwards (lastSeq ${lastSeq} < our cursor ${after}): the hub may have been restored; a full resync is needed`);
  if (hasMore && lastSeq <= after && changes.length === 0) throw new PageRefusedError(`hub says there is more after ${after} but sent nothing`);
  const batch = checkChanges(changes, after, 'pull', Change);
  return { ...batch, lastSeq: Math.max(batch.lastSeq, lastSeq), headSeq, hasMore };
}

/**
 * What the sync needs of a checked page to write it: the accepted changes' indexes and bound values, the
 * tickets themselves only for a small page (announced one by one), what to quarantine, and the envelope.
 * Small and flat, so it crosses from the checking thread to the writing one cheaply.
 */
export type PageForWrite = Omit<CheckedPage, 'records' | 'indexes'> & {
  accepted: EncodedAccepted;
  /** The accepted changes' tickets when at most `ticketsUpTo`; null for a larger page. */
  tickets: Ticket[] | null;
};

/** The text of a page received as bytes. Strict: bytes that are not UTF-8 refuse the page (the store reads the
 * same bytes, so what is checked must be exactly what they say). */
export function pageText(body: PageBody): string {
  if (typeof body === 'string') return body;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new PageRefusedError('hub sent a page that is not valid UTF-8');
  }
}

export function checkPageForWrite(body: PageBody, after: number, ticketsUpTo: number): PageForWrite {
  const { records, indexes, ...rest } = checkPage(pageText(body), after);
  const accepted = indexes.map((index, i) => acceptedChange(index, records[i]!));
  return {
    ...rest,
    accepted: encodeAccepted(accepted),
    tickets: records.length <= ticketsUpTo ? records.map((r) => r.ticket) : null,
  };
}

/** Check pushes (already ordered by the caller); prevSeq is checked by the engine, not here. */
export function checkPush(raw: unknown): { ok: true; push: ChangePush } | { ok: false; entry: QuarantineEntry } {
  const p = ChangePush.safeParse(raw);
  if (p.success) return { ok: true, push: p.data };
  return { ok: false, entry: { source: 'push', reason: `invalid change: ${describeZodError(p.error)}`, raw: rawOf(raw) } };
}

export function checkChanges(changes: readonly unknown[], after: number, source: string, schema: typeof Change = Change): CheckedBatch {
  const byNo = new Map<string, { record: TicketRecord; index: number }>();
  const quarantined: QuarantineEntry[] = [];
  let cursor = after;
  let newestChangedAt: number | null = null;
  for (let index = 0; index < changes.length; index++) {
    const c = changes[index];
    const seq = seqOf(c);
    if (seq !== undefined && seq <= cursor) {
      quarantined.push({ source, reason: `bad sequence: seq ${seq} does not follow ${cursor}`, raw: rawOf(c) });
      continue;
    }
    const parsed = schema.safeParse(c);
    if (!parsed.success) {
      quarantined.push({ source, reason: `invalid change: ${describeZodError(parsed.error)}`, raw: rawOf(c) });
      if (seq !== undefined) cursor = seq; // a readable seq still moves the cursor: sync carries on past it
      continue;
    }
    const { ticket, timeline, changedAt } = parsed.data;
    byNo.delete(ticket.ticketNo); // keep the map in the order of each ticket's last change
    byNo.set(ticket.ticketNo, { record: { ticket, timeline }, index });
    cursor = parsed.data.seq;
    newestChangedAt = changedAt;
  }
  const kept = [...byNo.values()];
  return { records: kept.map((k) => k.record), indexes: kept.map((k) => k.index), quarantined, lastSeq: cursor, newestChangedAt };
}
