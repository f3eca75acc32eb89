/**
 * A report's figures are the KPI wall's for the same period: over fourteen months of generated tickets, for a
 * month (with 同比), a week, a day of 调休, a range across a year's end and a day with no data at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { openStore, type Store } from '../../../db/open';
import { upsertTickets } from '../../../db/queries/ticket-write';
import { ReportBody } from '../../../shared/contract/reports';
import { periodOf, previousPeriod, type ReportPeriod } from '../../../shared/domain/report-period';
import type { TicketRecord } from '../../../shared/domain/ticket';
import { kpiHandlers } from '../handlers/kpi';
import { kpiSnapshot } from '../kpi/kpi-service';
import { buildReport } from './report-body';

const NOW = Date.UTC(2026, 10, 30, 4); // 30 Nov 2026, 12:00 Beijing
const DAY = 86_400_000;
let store: Store;
let records: TicketRecord[];

beforeAll(async () => {
  store = await openStore({ filename: ':memory:' });
  // 420 days back: from early October 2025, so October 2026 has a year before that is partly there.
  records = generateTickets(12_000, { now: NOW, spanMs: 420 * DAY, seed: 18 });
  await upsertTickets(store, records);
});
afterAll(() => store.destroy());

const PERIODS: [string, ReportPeriod][] = [
  ['a month, with the same month a year before', periodOf('month', '2026-10-05')],
  ['the month under way', periodOf('month', '2026-11-30')],
  ['a week', periodOf('week', '2026-11-18')],
  ['a 调休 Saturday (a working day)', periodOf('day', '2026-10-10')],
  ['a range across the year’s end', { kind: 'custom', from: '2025-12-25', to: '2026-01-06' }],
  ['a day with no data', periodOf('day', '2024-03-01')],
];

describe('a report’s figures and the KPI wall’s, for the same period', () => {
  for (const [name, period] of PERIODS) {
    it(name, async () => {
      const body = ReportBody.parse(await buildReport(store, period, NOW));
      const wall = await kpiSnapshot(store, NOW, 30, undefined, period);
      expect(wall.period).toEqual({ from: period.from, to: period.to });
      expect(body.totals.intake.n).toBe(wall.window.intake);
      expect(body.totals.returns.n).toBe(wall.window.returns);
      expect([body.totals.closedRate.value, body.totals.onTimeRate.value, body.totals.satisfactionRate.value]).toEqual([wall.rates.closedRate, wall.rates.onTimeRate, wall.rates.satisfactionRate]);
      expect(body.daily).toEqual(wall.daily);
      // The wall's hot categories (its top ten of the period) are the report's counts.
      const byCategory = new Map(body.byCategory.map((c) => [c.key, c.n.n]));
      for (const c of wall.hotCategories) expect(byCategory.get(c.category), c.category).toBe(c.intake);
      // The wall's ranking: every sub-district with intake in the period has the same intake and rates.
      for (const r of wall.ranking.filter((x) => x.intake > 0)) {
        const row = body.subDistricts.find((s) => s.code === r.code)!;
        expect([row.intake, row.returns, row.closedRate, row.onTimeRate, row.satisfactionRate], r.code).toEqual([r.intake, r.returns, r.closedRate, r.onTimeRate, r.satisfactionRate]);
        expect(body.bySubDistrict.find((s) => s.key === r.code)!.n.n).toBe(r.intake);
      }
      // 退单 by unit, and the arbitrary ones, as the wall's returns panel counts them for the period.
      const returns = await kpiHandlers(store, () => NOW)['kpi.returnsByUnit']({ windowDays: 30, period }, { transport: 'websocket', peer: 't', access: 'desk' });
      for (const u of returns.units) {
        const row = body.units.find((x) => x.unit === u.unit)!;
        expect([row.returns, row.arbitrary], u.unit).toEqual([u.returns, u.arbitrary]);
      }
      expect(body.arbitraryReturns.length).toBe(Math.min(100, returns.units.reduce((n, u) => n + u.arbitrary, 0)));
      // The sources add up to the intake; so do the categories and the sub-districts.
      expect(body.bySource.reduce((n, s) => n + s.n.n, 0)).toBe(body.totals.intake.n);
      expect(body.byCategory.reduce((n, s) => n + s.n.n, 0)).toBe(body.totals.intake.n);
      expect(body.bySubDistrict.reduce((n, s) => n + s.n.n, 0)).toBe(body.totals.intake.n);
    });
  }

  it('counts 疑难 and 三跨 tickets as the tickets say, and compares with the period before only where it has data', async () => {
    const p = periodOf('month', '2026-10-05');
    const body = await buildReport(store, p, NOW);
    const from = Date.parse('2026-10-01T00:00:00+08:00');
    const to = Date.parse('2026-11-01T00:00:00+08:00');
    const inMonth = records.filter((r) => r.ticket.receivedAt >= from && r.ticket.receivedAt < to).map((r) => r.ticket);
    const done = (t: (typeof inMonth)[number]) => t.status === 'resolved' || t.status === 'closed';
    const cross = (t: (typeof inMonth)[number]) => t.cross.region || t.cross.level || t.cross.department;
    expect(body.hard).toMatchObject({
      difficult: inMonth.filter((t) => t.whistleLevel === 'difficult').length,
      difficultDone: inMonth.filter((t) => t.whistleLevel === 'difficult' && done(t)).length,
      cross: inMonth.filter(cross).length,
      crossDone: inMonth.filter((t) => cross(t) && done(t)).length,
    });
    expect(body.totals.intake.n).toBe(inMonth.length);
    expect(body.previous).toEqual(periodOf('month', '2026-09-01'));
    expect(body.totals.intake.previous).toBeGreaterThan(0);
    expect(body.yearBefore).toEqual(periodOf('month', '2025-10-01'));
    expect(body.totals.intake.yearBefore).toBeGreaterThan(0);
    expect(body.changes.length).toBe(3);
    expect(body.hot.categories.every((h) => h.previous !== null && h.rise === h.n - h.previous)).toBe(true);
    // The first day with tickets has nothing before it: its hot issues rank by count and claim no rise.
    const first = Math.min(...records.map((r) => r.ticket.receivedAt));
    const firstDay = new Date(first + 8 * 3_600_000).toISOString().slice(0, 10);
    const opening = await buildReport(store, periodOf('day', firstDay), NOW);
    expect(opening.hot.categories.length).toBeGreaterThan(0);
    expect(opening.hot.categories.map((h) => [h.previous, h.rise])).toEqual(opening.hot.categories.map(() => [null, null]));
    // A day with nothing before it: no 环比, no 同比, no summary of changes.
    const empty = await buildReport(store, periodOf('day', '2024-03-01'), NOW);
    expect([empty.totals.intake, empty.changes, empty.totals.closedRate.value]).toEqual([{ n: 0, previous: null, yearBefore: null }, [], null]);
  });

  it('counts a period under way through today, against as many days of the period before', async () => {
    const body = await buildReport(store, periodOf('month', '2026-11-10'), Date.UTC(2026, 10, 10, 4)); // 10 Nov, noon
    expect(body.through).toBe('2026-11-10');
    expect(body.previous).toEqual({ kind: 'custom', from: '2026-10-01', to: '2026-10-10' });
    expect(body.yearBefore).toEqual({ kind: 'custom', from: '2025-11-01', to: '2025-11-10' });
    const tenDays = await kpiSnapshot(store, NOW, 30, undefined, { from: '2026-10-01', to: '2026-10-10' });
    expect(body.totals.intake.previous).toBe(tenDays.window.intake);
    // Over: no clipping.
    expect((await buildReport(store, periodOf('month', '2026-10-10'), NOW)).through).toBeNull();
  });

  it('knows the working days: a 调休 Saturday is one, National Day none, a year the calendar does not know unknown', async () => {
    expect((await buildReport(store, periodOf('day', '2026-10-10'), NOW)).workingDays).toBe(1);
    expect((await buildReport(store, periodOf('day', '2026-10-02'), NOW)).workingDays).toBe(0);
    expect((await buildReport(store, periodOf('month', '2026-10-01'), NOW)).workingDays).toBe(18); // 22 weekdays, 5 of them National Day, and the 调休 Saturday (10 Oct)
    expect(previousPeriod({ kind: 'custom', from: '2025-12-25', to: '2026-01-06' })).toEqual({ kind: 'custom', from: '2025-12-12', to: '2025-12-24' });
  });
});
