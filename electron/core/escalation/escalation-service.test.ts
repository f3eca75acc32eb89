import { afterEach, describe, expect, it } from 'vitest';
import { generateTokens } from '../../../hub/auth';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { startHub, type Hub } from '../../../hub/hub-server';
import { liandongContract } from '../../../shared/contract';
import type { Ticket, TicketRecord } from '../../../shared/domain/ticket';
import { createClient } from '../../../shared/rpc/client';
import { connectInMemory } from '../../../shared/rpc/memory-transport';
import type { ConsoleService } from '../console-service';
import { startChairConsole } from '../../../test/support/chair-console';

const NOW = Date.UTC(2026, 10, 23, 6);
const DAY = 86_400_000;
let hub: Hub;
let svc: ConsoleService;
afterEach(async () => {
  await svc?.close();
  await hub?.close();
});

const body = async (no: string) => JSON.parse((await hub.store.getBody(no))!) as TicketRecord;
const ret = (at: number) => ({ at, kind: 'returned' as const, actor: '区城管局', note: '不属于本单位职责' });

describe('automatic escalation (升哨)', () => {
  it('raises open tickets that meet a rule, once, through the outbox, and follows the rules in settings', async () => {
    hub = await startHub({ filename: ':memory:', tokens: generateTokens(), clock: () => NOW });
    const base = generateTickets(7, { now: NOW, seed: 4 });
    const t = (i: number, no: string, over: Partial<Ticket>, extra: TicketRecord['timeline'] = []): TicketRecord => ({
      ticket: { ...base[i]!.ticket, ticketNo: no, status: 'dispatched', whistleLevel: 'routine', cross: { region: false, level: false, department: false }, receivedAt: NOW - 5 * DAY, deadlineAt: NOW + DAY, ...over },
      timeline: [{ at: NOW - 5 * DAY, kind: 'received', actor: '12345热线', note: '' }, ...extra],
    });
    await hub.ingest([
      t(0, 'ESC-OVERDUE', { deadlineAt: NOW - DAY }),
      t(1, 'ESC-RETURNED', { whistleLevel: 'key' }, [ret(NOW - 4 * DAY), ret(NOW - 3 * DAY)]),
      t(2, 'ESC-CROSS', { cross: { region: false, level: false, department: true } }),
      t(3, 'ESC-CLOSED', { deadlineAt: NOW - DAY, status: 'closed', satisfaction: 'satisfied' }),
      t(4, 'ESC-DIFFICULT', { deadlineAt: NOW - DAY, whistleLevel: 'difficult' }),
      t(5, 'ESC-FINE', {}),
    ]);
    svc = await startChairConsole(hub, () => NOW);

    expect(await svc.escalation!.check()).toBe(3);
    // A second check before delivery sends nothing again.
    expect(await svc.escalation!.check()).toBe(0);
    await expect.poll(async () => (await svc.outbox.list({ limit: 10 })).every((a) => a.state === 'delivered')).toBe(true);
    expect((await body('ESC-OVERDUE')).ticket.whistleLevel).toBe('key');
    expect((await body('ESC-OVERDUE')).timeline.at(-1)).toMatchObject({ kind: 'escalated', note: '常规哨→重点哨：自动升哨：超期' });
    expect((await body('ESC-RETURNED')).timeline.at(-1)!.note).toBe('重点哨→疑难哨：自动升哨：两次以上退单');
    expect((await body('ESC-CROSS')).ticket.whistleLevel).toBe('difficult');
    for (const no of ['ESC-CLOSED', 'ESC-DIFFICULT', 'ESC-FINE']) expect((await body(no)).timeline.some((e) => e.kind === 'escalated')).toBe(false);

    // Synced back: nothing left to raise.
    await svc.sync.whenCursorAtLeast(hub.store.head);
    expect(await svc.escalation!.check()).toBe(0);

    // The overdue rule turned off in settings: a new overdue ticket stays as it is.
    const c = createClient(liandongContract, connectInMemory(svc.server));
    const wall = await c.call('settings.wall', {});
    await c.call('settings.setWall', { ...wall, escalationRules: { ...wall.escalationRules, overdue: { enabled: false, to: 'key' } } });
    await hub.ingest([t(6, 'ESC-LATE', { deadlineAt: NOW - 2 * DAY })]);
    await svc.sync.whenCursorAtLeast(hub.store.head);
    expect(await svc.escalation!.check()).toBe(0);
  });
});
