/**
 * resources/demo/tickets.json: the history a demo hub starts with. Times are shifted on load so the
 * newest ticket arrives "now". Every record is validated; a bad file is an error naming the record.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { TicketRecord } from '../../shared/domain/ticket';
import { describeZodError } from '../../shared/rpc/errors';
import { ticketDeadline } from './ticket-generator';
import { beijingDate } from '../../shared/domain/deadlines';

export const DemoFile = z.object({ generatedAt: z.number().int(), tickets: z.array(TicketRecord) });
export type DemoFile = z.infer<typeof DemoFile>;

export function shiftDemo(file: DemoFile, now: number): TicketRecord[] {
  const newest = file.tickets.reduce((m, t) => Math.max(m, t.ticket.receivedAt), 0);
  const d = now - newest;
  return file.tickets.map(({ ticket, timeline }) => ({
    // Deadlines are recomputed, not shifted: working days and holidays fall on the new dates. The date in
    // the ticket number follows the new receipt date (the index part alone keeps numbers unique).
    ticket: { ...ticket, ticketNo: redate(ticket.ticketNo, ticket.receivedAt + d), receivedAt: ticket.receivedAt + d, deadlineAt: ticketDeadline(ticket.receivedAt + d, ticket.category, ticket.whistleLevel), updatedAt: ticket.updatedAt + d },
    timeline: timeline.map((e) => ({ ...e, at: e.at + d })),
  }));
}

/** "12345-20261123-0000042" received on 24 Nov (Beijing) → "12345-20261124-0000042". */
export function redate(ticketNo: string, receivedAt: number): string {
  return ticketNo.replace(/^([A-Za-z0-9]+)-\d{8}-/, (_m, prefix: string) => `${prefix}-${beijingDate(receivedAt).replaceAll('-', '')}-`);
}

export async function loadDemoTickets(resourcesDir: string, now: number): Promise<TicketRecord[]> {
  const file = path.join(resourcesDir, 'demo', 'tickets.json');
  const parsed = DemoFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`演示数据无效 (${file}): ${describeZodError(parsed.error)}`);
  return shiftDemo(parsed.data, now);
}
