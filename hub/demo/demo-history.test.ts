/**
 * The demo shows every feature with the default rules: an early warning, a 三跨 ticket, an arbitrary return, open
 * tickets placed from their address and not placed —
 * judged by the same rules the console applies (early-warning.ts, isCross, returns.ts), on the generator's
 * output and on the committed file a console loads (shifted to now).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_SETTINGS } from '../../shared/contract';
import { mattersAboveThreshold } from '../../shared/domain/early-warning';
import { returnsOf } from '../../shared/domain/returns';
import { isCross, TicketRecord } from '../../shared/domain/ticket';
import { demoHistory, DEMO_TICKETS } from './demo-history';
import { loadDemoTickets } from './demo-file';

const rule = DEFAULT_WALL_SETTINGS.warningRule;

function showsEveryFeature(records: TicketRecord[], now: number) {
  expect(records).toHaveLength(DEMO_TICKETS);
  for (const r of records) expect(TicketRecord.safeParse(r).success).toBe(true);
  expect(new Set(records.map((r) => r.ticket.ticketNo)).size).toBe(records.length);
  const warnings = mattersAboveThreshold(records.map((r) => r.ticket), rule, now);
  expect(warnings.length).toBeGreaterThanOrEqual(1);
  const open = records.filter((r) => !['resolved', 'closed'].includes(r.ticket.status));
  expect(open.filter((r) => isCross(r.ticket.cross)).length).toBeGreaterThanOrEqual(1);
  expect(records.flatMap((r) => returnsOf(r.timeline)).filter((x) => x.arbitrary).length).toBeGreaterThanOrEqual(1);
  // Open tickets placed from their address (hollow points) and not placed at all (counted under the map).
  expect(open.filter((r) => r.ticket.placement !== 'exact' && r.ticket.placement !== 'none').length).toBeGreaterThanOrEqual(5);
  expect(records.filter((r) => r.ticket.status !== 'closed' && r.ticket.placement === 'none').length).toBeGreaterThanOrEqual(1);
  return warnings;
}

describe('the demo history', () => {
  it('raises an early warning under the default rule, has an open 三跨 ticket and an arbitrary return', () => {
    const now = Date.parse('2026-11-23T10:00:00+08:00');
    const warnings = showsEveryFeature(demoHistory(now), now);
    expect(warnings.some((m) => m.category === 'lift' && m.count > rule.threshold)).toBe(true);
  });

  it('is what the committed file holds, so a console started today shows them too', async () => {
    const now = Date.now();
    showsEveryFeature(await loadDemoTickets(path.resolve(__dirname, '../../resources'), now), now);
  });
});
