/**
 * Fault test: a hub that pushes garbage — wrong types, missing fields, huge strings, repeated and
 * out-of-order seqs. Nothing crashes; what cannot be applied is quarantined; nothing valid is lost.
 */
import { describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { openStore } from '../../db/open';
import { listQuarantine } from '../../db/queries/quarantine';
import { SyncStatusHolder, initialSyncStatus } from '../../electron/core/sync-status';
import { TicketService } from '../../electron/core/ticket-service';
import type { HubConnection } from '../../electron/core/sync/hub-link';
import { SyncEngine } from '../../electron/core/sync/sync-engine';
import { FAST_RETRY } from '../support/sync-rig';

/** A hub stand-in: serves an empty feed on pull, and lets the test push anything. */
function fakeHub() {
  const listeners = { change: new Set<(r: unknown) => void>(), connect: new Set<() => void>(), disconnect: new Set<(w: string) => void>() };
  let head = 0;
  const conn: HubConnection = {
    connected: true,
    on: ((e: keyof typeof listeners, l: never) => (listeners[e].add(l), () => listeners[e].delete(l))) as HubConnection['on'],
    connect: () => listeners.connect.forEach((l) => l()),
    pull: async (after) => JSON.stringify({ changes: [], lastSeq: Math.max(after, head), headSeq: head, hasMore: false }),
    act: async () => ({ ok: true, seq: 0, duplicate: false }),
  };
  return { conn, push: (raw: unknown) => listeners.change.forEach((l) => l(raw)), setHead: (h: number) => (head = h) };
}

describe('garbage from a hub\'s pushes', () => {
  it('is quarantined or ignored; valid pushes around it are applied', async () => {
    const store = await openStore({ filename: ':memory:' });
    const status = new SyncStatusHolder(initialSyncStatus({ hubUrl: 'x' }));
    const hub = fakeHub();
    const engine = new SyncEngine({ store, tickets: new TicketService(store), status, link: hub.conn, retry: FAST_RETRY });
    await engine.start();
    const [a, b, c] = generateTickets(3, { now: Date.UTC(2026, 10, 23), seed: 8 });
    const now = Date.UTC(2026, 10, 23, 1);

    hub.push({ seq: 1, prevSeq: 0, changedAt: now, ...a });
    hub.push(null);
    hub.push('{"seq": 2');
    hub.push({ seq: 2, prevSeq: 1, changedAt: now, ticket: { ...b!.ticket, status: 'teleported' }, timeline: [] });
    hub.push({ seq: 2, prevSeq: 1, changedAt: now, ticket: { ...b!.ticket, summary: '长'.repeat(1_000_000) }, timeline: [] });
    hub.push({ seq: 2, prevSeq: 1, changedAt: now, ticket: { ...b!.ticket }, timeline: 'none' });
    hub.push({ seq: 1, prevSeq: 0, changedAt: now, ...c }); // repeated seq: a duplicate, ignored
    hub.push({ seq: 2, prevSeq: 1, changedAt: now, ...b });
    await engine.whenCursorAtLeast(2);
    await engine.idle();

    const nos = (await store.selectFrom('tickets').select('ticket_no').execute()).map((r) => r.ticket_no).sort();
    expect(nos).toEqual([a!.ticket.ticketNo, b!.ticket.ticketNo].sort());
    const q = await listQuarantine(store, 20);
    expect(q.total).toBe(5);
    expect(q.items.map((i) => i.reason).join('\n')).toMatch(/ticket\.status/);
    expect(q.items.some((i) => /raw payload cut/.test(i.reason))).toBe(true);
    expect(q.items.every((i) => i.raw.length <= 64 * 1024)).toBe(true);
    expect(status.get()).toMatchObject({ quarantined: 5, lastSeq: 2 });
    await engine.stop();
    await store.destroy();
  });
});
