/**
 * With no hub configured, a new store is seeded from resources/demo/tickets.json so the screen is
 * alive from the first start. Times in the file are shifted so its newest ticket arrives "now".
 * Every record is validated; a bad file is an error naming the record, never half a seed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Store } from '../../db/open';
import { readSyncState, writeSyncState } from '../../db/queries/sync-state';
import { TicketRecord } from '../../shared/domain/ticket';
import { describeZodError } from '../../shared/rpc/errors';
import type { TicketService } from './ticket-service';

export const DemoFile = z.object({
  generatedAt: z.number().int(),
  tickets: z.array(TicketRecord),
});
export type DemoFile = z.infer<typeof DemoFile>;

export const DEMO_SEEDED_KEY = 'demo.seededAt';

export function shiftDemo(file: DemoFile, now: number): DemoFile['tickets'] {
  const newest = file.tickets.reduce((m, t) => Math.max(m, t.ticket.receivedAt), 0);
  const d = now - newest;
  return file.tickets.map(({ ticket, timeline }) => ({
    ticket: { ...ticket, receivedAt: ticket.receivedAt + d, deadlineAt: ticket.deadlineAt + d, updatedAt: ticket.updatedAt + d },
    timeline: timeline.map((e) => ({ ...e, at: e.at + d })),
  }));
}

/** Returns how many tickets were seeded (0 when the store was seeded before). */
export async function seedDemoIfNew(store: Store, tickets: TicketService, resourcesDir: string, now: number): Promise<number> {
  if (await readSyncState(store, DEMO_SEEDED_KEY)) return 0;
  const file = path.join(resourcesDir, 'demo', 'tickets.json');
  const parsed = DemoFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`演示数据无效 (${file}): ${describeZodError(parsed.error)}`);
  const batch = shiftDemo(parsed.data, now);
  await tickets.ingest(batch);
  await writeSyncState(store, DEMO_SEEDED_KEY, String(now));
  return batch.length;
}
