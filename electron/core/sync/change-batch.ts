/**
 * Checking what a hub sent before anything is applied (pure). A change that fails validation, or whose
 * seq does not move forward, is set aside for quarantine with its reason; the rest is applied.
 * A page whose envelope is unreadable is refused whole (the cursor does not move).
 */
import { describeZodError } from '../../../shared/rpc/errors';
import { Change, ChangePush, ChangesPage } from '../../../shared/hub-protocol';
import type { TicketRecord } from '../../../shared/domain/ticket';
import type { QuarantineEntry } from '../../../db/queries/quarantine';

export type CheckedBatch = {
  records: TicketRecord[];
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

export function checkPage(raw: unknown, after: number): CheckedBatch & { headSeq: number; hasMore: boolean } {
  const page = ChangesPage.safeParse(raw);
  if (!page.success) throw new PageRefusedError(`hub sent a malformed page: ${describeZodError(page.error)}`);
  const { changes, lastSeq, headSeq, hasMore } = page.data;
  if (lastSeq < after) throw new PageRefusedError(`hub's sequence went backwards (lastSeq ${lastSeq} < our cursor ${after}): the hub may have been restored; a full resync is needed`);
  if (hasMore && lastSeq <= after && changes.length === 0) throw new PageRefusedError(`hub says there is more after ${after} but sent nothing`);
  const batch = checkChanges(changes, after, 'pull', Change);
  return { ...batch, lastSeq: Math.max(batch.lastSeq, lastSeq), headSeq, hasMore };
}

/** Check pushes (already ordered by the caller); prevSeq is checked by the engine, not here. */
export function checkPush(raw: unknown): { ok: true; push: ChangePush } | { ok: false; entry: QuarantineEntry } {
  const p = ChangePush.safeParse(raw);
  if (p.success) return { ok: true, push: p.data };
  return { ok: false, entry: { source: 'push', reason: `invalid change: ${describeZodError(p.error)}`, raw: rawOf(raw) } };
}

export function checkChanges(changes: readonly unknown[], after: number, source: string, schema: typeof Change = Change): CheckedBatch {
  const byNo = new Map<string, TicketRecord>();
  const quarantined: QuarantineEntry[] = [];
  let cursor = after;
  let newestChangedAt: number | null = null;
  for (const c of changes) {
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
    byNo.set(ticket.ticketNo, { ticket, timeline });
    cursor = parsed.data.seq;
    newestChangedAt = changedAt;
  }
  return { records: [...byNo.values()], quarantined, lastSeq: cursor, newestChangedAt };
}
