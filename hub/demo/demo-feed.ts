/**
 * The demo feed of an embedded or standalone demo hub: new 12345 and grid tickets at a set rate, and
 * simulated stations and the command centre moving open tickets along (dispatch, accept, on site,
 * resolve, call-back; now and then a return with a reason).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { subDistrictName } from '../../shared/domain/divisions';
import { allowedNext, type Status } from '../../shared/domain/status';
import type { HubAction, HubIdentity } from '../../shared/hub-protocol';
import type { TicketRecord } from '../../shared/domain/ticket';
import type { Hub } from '../hub-server';
import { generateTickets, prng } from './ticket-generator';
import { OneAtATime } from '../../shared/one-at-a-time';

export type DemoFeedOptions = { ticketsPerMinute: number; seed?: number; clock?: () => number; log?: (line: string) => void; steadyOpen?: number };

/**
 * The open tickets a district holds when intake and closures balance: about 140,000 tickets a year, closed in
 * 2.5 days on average (../shared/domain.md) — some 1,000 open at any time. The simulated stations work faster when
 * more are open, so that a demo left running (a wall for a week, the soak) settles there instead of piling up.
 */
export const DEMO_STEADY_OPEN = 1000;

/**
 * How many open tickets the simulated stations move one step along for each new ticket. A ticket takes five
 * steps from received to closed (more after a return), so six steps per new ticket at the steady level close
 * slightly more than come in; below it fewer, and the open tickets grow towards it.
 */
export function movesPerIntake(open: number, steady = DEMO_STEADY_OPEN): number {
  return Math.max(1, Math.min(12, Math.round((6 * open) / steady)));
}

/** A brand-new ticket as the city platform pushes it: received, nothing else yet. */
export function intakeTicket(seed: number, index: number, now: number): TicketRecord {
  const [g] = generateTickets(1, { seed, now, spanMs: 0, startIndex: index });
  return {
    ticket: { ...g!.ticket, status: 'received', handlingUnit: null, satisfaction: null, updatedAt: now },
    timeline: g!.timeline.slice(0, 1),
  };
}

export function startDemoFeed(hub: Hub, opts: DemoFeedOptions): { stop(): void; tick(): Promise<void> } {
  const clock = opts.clock ?? Date.now;
  const rnd = prng(opts.seed ?? clock());
  let index = 0;
  const steady = opts.steadyOpen ?? DEMO_STEADY_OPEN;
  let open = steady;
  // The simulated command centre and stations act in-process, as these identities (the audit trail names them).
  const chair: HubIdentity = { id: 'demo-feed', role: 'chair', stationCode: null, name: '区指挥中心', expiresAt: null };
  const stationOf = (code: string): HubIdentity => ({ id: `demo-feed-${code}`, role: 'station', stationCode: code, name: `演示：${subDistrictName(code)}`, expiresAt: null });

  // One tick at a time: a tick due while one is still running runs right after it.
  const ticks = new OneAtATime(
    async () => {
      if (!index) index = 5_000_000 + (await hub.store.count());
      await hub.ingest([intakeTicket(Math.floor(rnd() * 2 ** 31), index++, clock())]);
      // Open tickets picked at random (one read: how many are open, and which to move).
      const rows = await sql<{ body: string; open: number }>`select body, count(*) over () as open from hub_tickets where body not like '%"status":"closed"%' order by random() limit ${movesPerIntake(open, steady)}`.execute(hub.store.db);
      open = Number(rows.rows[0]?.open ?? 0);
      for (const row of rows.rows) await moveAlong(JSON.parse(row.body) as TicketRecord);
    },
    { onError: (e) => opts.log?.(`demo feed: ${e instanceof Error ? e.message : String(e)}`) },
  );

  const moveAlong = async ({ ticket }: TicketRecord) => {
    const next = allowedNext(ticket.status).filter((s) => s !== 'reopened');
    if (!next.length) return;
    const to: Status = next.includes('returned') && rnd() < 0.85 ? next.find((s) => s !== 'returned')! : next[Math.floor(rnd() * next.length)]!;
    const stationTo = to === 'accepted' || to === 'onSite' || to === 'resolved' || to === 'returned';
    const who = stationTo ? stationOf(ticket.subDistrictCode) : chair;
    const action: HubAction = {
      id: randomUUID(),
      kind: 'status',
      ticketNo: ticket.ticketNo,
      to,
      ...(to === 'returned' ? { reason: '经核实不属于本单位职责,申请改派' } : {}),
      ...(to === 'closed' ? { satisfaction: rnd() < 0.93 ? ('satisfied' as const) : ('basicallySatisfied' as const) } : {}),
      ...(to === 'dispatched' ? { unit: subDistrictName(ticket.subDistrictCode) } : {}),
    };
    await hub.realtime.act(action, who);
  };

  const timer = setInterval(() => void ticks.ask(), Math.max(200, 60_000 / opts.ticketsPerMinute));
  timer.unref?.();
  return {
    /** One new ticket and its moves, now (tests; the timer does the same). */
    tick: () => ticks.ask(),
    stop: () => {
      clearInterval(timer);
      void ticks.stop();
    },
  };
}
