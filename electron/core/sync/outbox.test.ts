import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import type { Hub } from '../../../hub/hub-server';
import type { TicketRecord } from '../../../shared/domain/ticket';
import { interfere, startHubOnly, startRig, statusWhere, type Rig } from '../../../test/support/sync-rig';

const NOW = Date.UTC(2026, 10, 23, 6);
const rigs: Rig[] = [];
const hubs: Hub[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.stop()));
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});

async function hubWithTickets(n = 50) {
  const hub = await startHubOnly();
  hubs.push(hub);
  const recs = generateTickets(n, { now: NOW, seed: 11 });
  await hub.ingest(recs);
  return { hub, recs };
}
const hubRecord = async (hub: Hub, no: string) => JSON.parse((await hub.store.getBody(no))!) as TicketRecord;
const comments = (r: TicketRecord) => r.timeline.filter((e) => e.kind === 'commented').map((e) => e.note);

describe('outbox', () => {
  it('keeps actions made offline as pending, then delivers each exactly once on connect', async () => {
    const { hub, recs } = await hubWithTickets();
    const r = await startRig({ hub, start: false });
    rigs.push(r);
    const no = recs[0]!.ticket.ticketNo;
    for (const note of ['一', '二', '三']) await r.outbox.submit({ kind: 'comment', ticketNo: no, note });
    expect(await r.outbox.pendingCount()).toBe(3);
    expect(r.status.get().pendingActions).toBe(3);
    await r.engine.start(); // connects
    await statusWhere(r.status, (s) => s.pendingActions === 0);
    expect(comments(await hubRecord(hub, no))).toEqual(['一', '二', '三']);
    expect((await r.outbox.list({ limit: 10 })).map((i) => i.state)).toEqual(['delivered', 'delivered', 'delivered']);
    // …and the hub's change comes back through the sync.
    await r.engine.whenCursorAtLeast(hub.store.head);
    const local = await r.tickets.get(no);
    expect(local.timeline.filter((e) => e.kind === 'commented').map((e) => e.note)).toEqual(['一', '二', '三']);
  });

  it('shows a refusal with the hub\'s reason and does not retry it', async () => {
    const { hub, recs } = await hubWithTickets();
    const r = await startRig({ hub });
    rigs.push(r);
    const closed = recs.find((x) => x.ticket.status === 'closed')!;
    const item = await r.outbox.submit({ kind: 'status', ticketNo: closed.ticket.ticketNo, to: 'onSite' });
    await statusWhere(r.status, (s) => s.pendingActions === 0);
    const [settled] = await r.outbox.list({ limit: 1 });
    expect(settled).toMatchObject({ id: item.id, state: 'rejected', attempts: 0, lastError: expect.stringContaining('不能从 closed 转为 onSite') });
  });

  it('retries a transient failure with backoff, then delivers', async () => {
    const { hub, recs } = await hubWithTickets();
    let fail = 2;
    const r = await startRig({ hub, wrap: (link) => interfere(link, { act: (_a, real) => (fail-- > 0 ? Promise.reject(new Error('operation has timed out')) : real()) }) });
    rigs.push(r);
    await statusWhere(r.status, (s) => s.connection === 'online');
    await r.outbox.submit({ kind: 'acknowledge', ticketNo: recs[1]!.ticket.ticketNo });
    await statusWhere(r.status, (s) => s.pendingActions === 0);
    const [item] = await r.outbox.list({ limit: 1 });
    expect(item).toMatchObject({ state: 'delivered', attempts: 2 });
    expect((await hubRecord(hub, recs[1]!.ticket.ticketNo)).timeline.filter((e) => e.kind === 'acknowledged')).toHaveLength(1);
  });

  it('when the hub applied an action but the answer was lost, the retry is not applied twice', async () => {
    const { hub, recs } = await hubWithTickets();
    let lose = 1;
    const r = await startRig({
      hub,
      wrap: (link) =>
        interfere(link, {
          act: async (_a, real) => {
            const answer = await real();
            if (lose-- > 0) throw new Error('connection lost before the answer');
            return answer;
          },
        }),
    });
    rigs.push(r);
    await statusWhere(r.status, (s) => s.connection === 'online');
    const no = recs[2]!.ticket.ticketNo;
    await r.outbox.submit({ kind: 'comment', ticketNo: no, note: '请尽快处理' });
    await statusWhere(r.status, (s) => s.pendingActions === 0);
    expect(comments(await hubRecord(hub, no))).toEqual(['请尽快处理']);
    const [item] = await r.outbox.list({ limit: 1 });
    expect(item).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('survives a restart: what was pending is still pending, and is delivered once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-outbox-'));
    try {
      const { hub, recs } = await hubWithTickets();
      const file = path.join(dir, 'c.sqlite');
      const first = await startRig({ hub, storeFile: file, start: false });
      await first.outbox.submit({ kind: 'comment', ticketNo: recs[3]!.ticket.ticketNo, note: '离线时记录' });
      await first.stop();
      const second = await startRig({ hub, storeFile: file });
      rigs.push(second);
      await statusWhere(second.status, (s) => s.connection === 'online');
      await statusWhere(second.status, (s) => s.pendingActions === 0);
      expect(comments(await hubRecord(hub, recs[3]!.ticket.ticketNo))).toEqual(['离线时记录']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an invalid action before it reaches the outbox', async () => {
    const { hub } = await hubWithTickets(1);
    const r = await startRig({ hub, start: false });
    rigs.push(r);
    await expect(r.outbox.submit({ kind: 'comment', ticketNo: 'bad no!', note: 'x' } as never)).rejects.toThrow();
    expect(await r.outbox.pendingCount()).toBe(0);
  });
});
