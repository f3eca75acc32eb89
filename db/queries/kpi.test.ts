import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { TicketRecord } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { beijingDayStart, kpiRows } from './kpi';
import { acceptedChange, encodeAccepted, upsertTickets, writeTicketPages } from './ticket-write';
import { RECOMPUTED_KPI, RECOMPUTED_TALLY } from './ticket-sums';

const NOW = Date.UTC(2026, 10, 23, 6); // 14:00 Beijing
const HOUR = 3_600_000;
let db: Store;
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
});
afterEach(() => db.destroy());

function ticket(i: number, patch: Partial<TicketRecord['ticket']>, timeline: TicketRecord['timeline'] = []): TicketRecord {
  const base = generateTickets(1, { now: NOW, seed: 100 + i })[0]!;
  return { ticket: { ...base.ticket, ticketNo: `T-${i}`, subDistrictCode: '320613003', category: 'lift', ...patch }, timeline };
}

describe('KPI figures kept by the store', () => {
  it('counts today, rates, returns and hours from what the tickets say', async () => {
    const today = beijingDayStart(NOW);
    await upsertTickets(db, [
      ticket(1, { receivedAt: today + 1 * HOUR, status: 'received', deadlineAt: NOW + HOUR, satisfaction: null }),
      ticket(2, { receivedAt: today + 1 * HOUR + 5, status: 'closed', deadlineAt: today + 10 * HOUR, satisfaction: 'satisfied' }, [{ at: today + 3 * HOUR, kind: 'resolved', actor: 'x', note: '' }]),
      // Resolved after its deadline, rated 基本满意, returned once.
      ticket(3, { receivedAt: today + 9 * HOUR, status: 'closed', deadlineAt: today + 10 * HOUR, satisfaction: 'basicallySatisfied' }, [
        { at: today + 9 * HOUR + 1, kind: 'returned', actor: 'x', note: '' },
        { at: today + 11 * HOUR, kind: 'resolved', actor: 'x', note: '' },
      ]),
      // Yesterday (Beijing), overdue and open: in the window, not today.
      ticket(4, { receivedAt: today - HOUR, status: 'onSite', deadlineAt: NOW - HOUR, satisfaction: null }),
    ]);
    const k = await kpiRows(db, NOW, 30);
    expect(k.today).toEqual({ intake: 3, done: 2, onTime: 1, rated: 2, satisfied: 1, returns: 1 });
    expect(k.window.intake).toBe(4);
    expect(k.open).toBe(2);
    expect(k.overdue).toBe(1);
    expect(k.hourly[1]).toBe(2);
    expect(k.hourly[9]).toBe(1);
    expect(k.hourly.reduce((a, b) => a + b, 0)).toBe(3);
    expect(k.subDistricts).toEqual([{ code: '320613003', intake: 4, done: 2, onTime: 1, rated: 2, satisfied: 1, returns: 1, open: 2, overdue: 1 }]);
    expect(k.categories).toEqual([{ category: 'lift', intake: 4 }]);
  });

  it('lists every day of the window, closures on the day they were resolved', async () => {
    const today = beijingDayStart(NOW);
    const DAY = 24 * HOUR;
    await upsertTickets(db, [
      // Received five days ago, resolved today: 办结 today, intake five days ago.
      ticket(1, { receivedAt: today - 5 * DAY + HOUR, status: 'resolved', satisfaction: null }, [{ at: today + 2 * HOUR, kind: 'resolved', actor: 'x', note: '' }]),
      // Received and closed yesterday.
      ticket(2, { receivedAt: today - DAY + HOUR, status: 'closed', satisfaction: 'satisfied' }, [{ at: today - DAY + 3 * HOUR, kind: 'resolved', actor: 'x', note: '' }]),
      // Resolved once, then reopened: not a closure.
      ticket(3, { receivedAt: today - 2 * DAY, status: 'reopened', satisfaction: null }, [{ at: today - DAY, kind: 'resolved', actor: 'x', note: '' }]),
    ]);
    const k = await kpiRows(db, NOW, 30);
    expect(k.daily).toHaveLength(30);
    expect(k.daily[0]!.day).toBe('2026-10-25');
    expect(k.daily.at(-1)).toEqual({ day: '2026-11-23', intake: 0, done: 1 });
    expect(k.daily.at(-2)).toEqual({ day: '2026-11-22', intake: 1, done: 1 });
    expect(k.daily.find((d) => d.day === '2026-11-18')).toEqual({ day: '2026-11-18', intake: 1, done: 0 });
    expect(k.daily.reduce((a, d) => a + d.done, 0)).toBe(2);
    // A range of the resolution-time index, never a walk of every resolved ticket (the status index).
    const plan = (await sql<{ detail: string }>`explain query plan select count(*) from tickets where resolved_at >= 1 and resolved_at < 2 and +status in ('resolved', 'closed')`.execute(db)).rows.map((r) => r.detail).join(' ');
    expect(plan).toContain('tickets_resolved_day (resolved_at>? AND resolved_at<?)');
  });

  it('stays equal to a recount from scratch through inserts and updates (record and page writes)', async () => {
    const records = generateTickets(2000, { now: NOW, seed: 31, spanMs: 40 * 86_400_000 });
    await upsertTickets(db, records);
    const changed = records.slice(0, 600).map((r, i) => ({ ...r, ticket: { ...r.ticket, status: i % 2 ? ('closed' as const) : ('returned' as const), satisfaction: i % 2 ? ('satisfied' as const) : null, category: i % 3 ? r.ticket.category : 'noise' }, timeline: [...r.timeline, { at: NOW, kind: 'returned' as const, actor: 'x', note: '' }] }));
    await upsertTickets(db, changed.slice(0, 300));
    const page = JSON.stringify({ changes: changed.slice(300).map((r, i) => ({ seq: i + 1, changedAt: NOW, ...r })) });
    await db.transaction().execute((trx) => writeTicketPages(trx, [{ json: page, accepted: encodeAccepted(changed.slice(300).map((r, index) => acceptedChange(index, r))) }]));

    const kept = (await sql<Record<string, unknown>>`select * from kpi_day where intake <> 0 order by day, sub_district_code, category`.execute(db)).rows;
    const recount = (await sql.raw<Record<string, unknown>>(`${RECOMPUTED_KPI} order by day, sub_district_code, category`).execute(db)).rows;
    const tally = (await sql<Record<string, unknown>>`select * from ticket_tally where n <> 0 order by 1, 2, 3`.execute(db)).rows;
    expect(tally).toEqual((await sql.raw<Record<string, unknown>>(`${RECOMPUTED_TALLY} order by 1, 2, 3`).execute(db)).rows);
    // Overdue from the tally's deadline days and today's range equals a direct count.
    for (const at of [NOW, NOW - 9 * 86_400_000, NOW + 3 * 86_400_000]) {
      const direct = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'not in', ['closed', 'resolved']).where('deadline_at', '<', at).executeTakeFirstOrThrow();
      expect((await kpiRows(db, at, 30)).overdue).toBe(Number(direct.n));
    }
    expect(kept.length).toBeGreaterThan(100);
    expect(kept).toEqual(recount);
  });
});
