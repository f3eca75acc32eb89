import { afterEach, describe, expect, it } from 'vitest';
import { generateTokens } from '../../../hub/auth';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { startHub, type Hub } from '../../../hub/hub-server';
import { liandongContract } from '../../../shared/contract';
import { DIVISIONS } from '../../../shared/domain/divisions';
import type { TicketRecord } from '../../../shared/domain/ticket';
import { createClient } from '../../../shared/rpc/client';
import { connectInMemory } from '../../../shared/rpc/memory-transport';
import type { ConsoleService } from '../console-service';
import { startChairConsole } from '../../../test/support/chair-console';

const DAY = 86_400_000;
let now = Date.UTC(2026, 10, 23, 6);
let hub: Hub;
let svc: ConsoleService;
afterEach(async () => {
  await svc?.close();
  await hub?.close();
});

const renggang = DIVISIONS.subDistricts.find((s) => s.code === '320613003')!;
/** `n` tickets of one category at one community, received over the last days. */
function matter(n: number, category: string, communityCode: string, seed: number): TicketRecord[] {
  return generateTickets(n, { now, seed, spanMs: 5 * DAY }).map((r, i) => ({
    ...r,
    ticket: { ...r.ticket, ticketNo: `${category}-${seed}-${i}`, category, subDistrictCode: renggang.code, communityCode, status: 'dispatched', receivedAt: now - (i + 1) * 3_600_000 },
  }));
}

describe('early warnings', () => {
  it('raise one warning when the same matter passes 10 in 30 days, acknowledge it through the outbox, and clear it when the window moves on', async () => {
    hub = await startHub({ filename: ':memory:', tokens: generateTokens(), clock: () => now });
    const [a, b] = renggang.communities;
    await hub.ingest([...matter(11, 'lift', a!.code, 1), ...matter(10, 'noise', b!.code, 2), ...matter(11, 'lift', b!.code, 3).slice(0, 4)]);
    svc = await startChairConsole(hub, () => now);
    await svc.warnings.check();
    const c = createClient(liandongContract, connectInMemory(svc.server));

    const [w, ...others] = (await c.call('warnings.list', {})).items;
    expect(others).toEqual([]); // 10 noise tickets are not "more than 10"; 4 lifts elsewhere are another place
    expect(w).toMatchObject({ category: 'lift', placeCode: a!.code, count: 11, threshold: 10, windowDays: 30, acknowledgedAt: null, clearedAt: null });
    expect(w!.placeName).toBe(`任港 · ${a!.name.replace(/居民委员会$/, '')}`);
    expect(w!.latestTicketNo).toBe('lift-1-0');
    // The matter's tickets, newest first: the eleven lifts at that community, not the lifts elsewhere.
    const matterTickets = (await c.call('warnings.tickets', { id: w!.id })).items;
    expect(matterTickets.map((t) => t.ticketNo)).toEqual(Array.from({ length: 11 }, (_, i) => `lift-1-${i}`));
    await expect(c.call('warnings.tickets', { id: 'no-such-warning' })).rejects.toMatchObject({ code: 'notFound' });

    // One more of the same: the same warning, counted again (not a second one).
    await hub.ingest(matter(12, 'lift', a!.code, 1).slice(11));
    await svc.sync.whenCursorAtLeast(hub.store.head);
    await svc.warnings.check();
    expect((await c.call('warnings.list', {})).items).toMatchObject([{ id: w!.id, count: 12 }]);

    const acked = await c.call('warnings.acknowledge', { id: w!.id, note: '已转交住建局' });
    expect(acked.acknowledgedAt).toBe(now);
    await expect.poll(async () => (await c.call('actions.list', {})).items.find((i) => i.id === acked.ackActionId)?.state).toBe('delivered');
    const atHub = JSON.parse((await hub.store.getBody('lift-1-0'))!) as TicketRecord;
    expect(atHub.timeline.at(-1)).toMatchObject({ kind: 'acknowledged', note: expect.stringMatching(/^预警知悉：任港 · .+ 电梯 近30天12件。已转交住建局$/) });
    // Acknowledging again sends nothing more.
    await c.call('warnings.acknowledge', { id: w!.id, note: '' });
    expect((await c.call('actions.list', {})).items.filter((i) => i.kind === 'acknowledge')).toHaveLength(1);

    // Thirty-one days on, the matter is no longer above the threshold: cleared, kept in the list.
    now += 31 * DAY;
    await svc.warnings.check();
    expect((await c.call('warnings.list', {})).items).toEqual([]);
    expect((await c.call('warnings.list', { includeCleared: true })).items).toMatchObject([{ id: w!.id, clearedAt: now, acknowledgedAt: expect.any(Number) }]);
  });
});
