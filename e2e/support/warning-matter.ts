/**
 * A matter above the default early-warning rule (more than 10 tickets of one category at one community within
 * 30 days), ingested at a test console's embedded hub and synced, with the warning check run: a warning shows.
 */
import { generateTickets } from '../../hub/demo/ticket-generator';
import { DIVISIONS } from '../../shared/domain/divisions';
import type { Ticket } from '../../shared/domain/ticket';
import type { TestConsole } from './console';

export async function raiseWarning(con: TestConsole, o: { subDistrict: string; category: string; prefix: string; seed: number; patch?: Partial<Ticket> }): Promise<void> {
  const sub = DIVISIONS.subDistricts.find((s) => s.shortName === o.subDistrict)!;
  const now = Date.now();
  await con.service.embedded!.hub.ingest(
    generateTickets(12, { now, seed: o.seed }).map((r, i) => ({
      ...r,
      ticket: { ...r.ticket, ticketNo: `${o.prefix}-${i}`, category: o.category, subDistrictCode: sub.code, communityCode: sub.communities[0]!.code, receivedAt: now - i * 60_000, status: 'dispatched', ...o.patch },
    })),
  );
  await con.service.sync.whenCursorAtLeast(con.service.embedded!.hub.store.head);
  await con.service.warnings.check();
}
