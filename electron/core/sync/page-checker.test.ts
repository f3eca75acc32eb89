import { afterEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { PageRefusedError } from './change-batch';
import { inThreadChecker, workerChecker, type PageChecker } from './page-checker';

const NOW = Date.UTC(2026, 10, 30, 2);
const records = generateTickets(3, { now: NOW, seed: 21 });
const page = {
  changes: [{ seq: 1, changedAt: NOW, ...records[0]! }, { seq: 2, changedAt: NOW, ticket: { ...records[1]!.ticket, lat: 'north' }, timeline: [] }, { seq: 3, changedAt: NOW, ...records[2]! }],
  lastSeq: 3,
  headSeq: 9,
  hasMore: true,
};
const bytes = () => new TextEncoder().encode(JSON.stringify(page));

const checkers: PageChecker[] = [];
afterEach(async () => {
  await Promise.all(checkers.splice(0).map((c) => c.close()));
});
const keep = (c: PageChecker) => (checkers.push(c), c);

describe('page checker', () => {
  it('checks a page on its worker thread exactly as in this thread, and hands the same bytes back to be stored', async () => {
    const here = await inThreadChecker().check(bytes(), 0, 200);
    const worker = keep(workerChecker());
    const sent = bytes();
    const length = sent.byteLength;
    const there = await worker.check(sent, 0, 200);
    expect(there.page).toEqual(here.page);
    expect(there.page.accepted.rows).toBe(2);
    expect(there.page.quarantined).toHaveLength(1);
    expect(there.page.tickets!.map((t) => t.ticketNo)).toEqual([records[0]!.ticket.ticketNo, records[2]!.ticket.ticketNo]);
    expect(Buffer.from(there.body as Uint8Array).toString('utf8')).toBe(JSON.stringify(page));
    expect((there.body as Uint8Array).byteLength).toBe(length);
  });

  it('refuses an unreadable page from the worker as from this thread (not valid UTF-8, not JSON)', async () => {
    const worker = keep(workerChecker());
    await expect(worker.check(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 0, 200)).rejects.toThrow(PageRefusedError);
    await expect(worker.check(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 0, 200)).rejects.toThrow(/not valid UTF-8/);
    await expect(worker.check('{"changes":[', 0, 200)).rejects.toThrow(/invalid JSON/);
    // The worker is still there for the next page.
    expect((await worker.check(bytes(), 0, 200)).page.lastSeq).toBe(3);
  });

  it('checks pages in this thread when the worker cannot run, and says so', async () => {
    const lines: string[] = [];
    const broken = keep(workerChecker((l) => lines.push(l), '/nonexistent/page-check-worker.js'));
    const [a, b] = await Promise.all([broken.check(bytes(), 0, 200), broken.check(JSON.stringify(page), 0, 200)]);
    expect(a.page.accepted.rows).toBe(2);
    expect(b.page.accepted.rows).toBe(2);
    expect(lines.join('\n')).toMatch(/checking pages on the main thread/);
  });
});
