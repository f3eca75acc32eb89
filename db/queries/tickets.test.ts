import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { Ticket } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { appendTimeline, countTickets, decodeCursor, getTicket, getTimeline, listTickets } from './tickets';
import { upsertTickets } from './ticket-write';

const NOW = Date.UTC(2026, 10, 23, 4);
let db: Store;
let all: Ticket[];
let records: ReturnType<typeof generateTickets>;

beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
  const gen = generateTickets(2500, { seed: 7, now: NOW });
  all = gen.map((g) => g.ticket);
  await db.transaction().execute((trx) => upsertTickets(trx, gen));
  records = gen;
});
afterEach(() => db.destroy());

const byNewest = (a: Ticket, b: Ticket) => b.receivedAt - a.receivedAt || (a.ticketNo < b.ticketNo ? 1 : -1);

describe('ticket queries', () => {
  it('round-trips every field of a ticket, including cross flags and co-departments', async () => {
    const t = all.find((x) => x.coDepartments.length > 0 && (x.cross.department || x.cross.region))!;
    expect(await getTicket(db, t.ticketNo)).toEqual(t);
  });

  it('round-trips how a ticket was placed, and no coordinates for one not placed', async () => {
    const unplaced: Ticket = { ...all[1]!, placement: 'none', lng: null, lat: null };
    const approx: Ticket = { ...all[2]!, placement: 'subDistrict', lng: 120.85, lat: 32.02 };
    await upsertTickets(db, [unplaced, approx].map((ticket) => ({ ticket, timeline: [] })));
    expect(await getTicket(db, unplaced.ticketNo)).toEqual(unplaced);
    expect(await getTicket(db, approx.ticketNo)).toEqual(approx);
    const listed = (await listTickets(db, { search: unplaced.ticketNo }, { limit: 5 }, NOW)).items;
    expect(listed).toEqual([unplaced]);
  });

  it('upserts by ticket number: a second write replaces, never duplicates', async () => {
    const t = { ...all[0]!, status: 'closed' as const, satisfaction: 'satisfied' as const, updatedAt: NOW + 1 };
    await upsertTickets(db, [{ ticket: t, timeline: [] }]);
    expect((await countTickets(db, NOW)).total).toBe(2500);
    expect(await getTicket(db, t.ticketNo)).toEqual(t);
  });

  it('pages newest first with a keyset cursor that visits every ticket once', async () => {
    const seen: string[] = [];
    let cursor: ReturnType<typeof decodeCursor>;
    for (;;) {
      const page = await listTickets(db, {}, { limit: 400, cursor }, NOW);
      expect(page.total).toBe(2500);
      seen.push(...page.items.map((t) => t.ticketNo));
      if (!page.nextCursor) break;
      cursor = decodeCursor(page.nextCursor);
    }
    expect(seen).toEqual([...all].sort(byNewest).map((t) => t.ticketNo));
  });

  it('filters by status, sub-district, whistle level, category, 三跨, overdue and text', async () => {
    const check = async (filter: Parameters<typeof listTickets>[1], pred: (t: Ticket) => boolean) => {
      const page = await listTickets(db, filter, { limit: 500 }, NOW);
      const expected = all.filter(pred).sort(byNewest);
      expect(page.total).toBe(expected.length);
      expect(page.items.map((t) => t.ticketNo)).toEqual(expected.slice(0, 500).map((t) => t.ticketNo));
      expect(expected.length).toBeGreaterThan(0);
    };
    await check({ status: ['onSite', 'accepted'] }, (t) => t.status === 'onSite' || t.status === 'accepted');
    await check({ subDistrictCode: ['320613003'] }, (t) => t.subDistrictCode === '320613003');
    await check({ whistleLevel: ['difficult'] }, (t) => t.whistleLevel === 'difficult');
    await check({ category: ['lift'], openOnly: true }, (t) => t.category === 'lift' && t.status !== 'closed');
    await check({ crossOnly: true }, (t) => t.cross.region || t.cross.level || t.cross.department);
    await check({ overdueOnly: true }, (t) => t.status !== 'closed' && t.status !== 'resolved' && t.deadlineAt < NOW);
    await check({ dueSoonOnly: true }, (t) => t.status !== 'closed' && t.status !== 'resolved' && t.deadlineAt >= NOW && t.deadlineAt < NOW + 24 * 3_600_000);
    await check({ search: '电梯' }, (t) => t.summary.includes('电梯') || t.address.includes('电梯') || t.ticketNo.includes('电梯'));
  });

  it('treats % and _ in a search as plain characters', async () => {
    expect((await listTickets(db, { search: '%' }, { limit: 10 }, NOW)).total).toBe(0);
  });

  it('counts by status and sub-district, with open and overdue', async () => {
    const c = await countTickets(db, NOW);
    expect(c.total).toBe(2500);
    expect(c.open).toBe(all.filter((t) => t.status !== 'closed').length);
    expect(c.overdue).toBe(all.filter((t) => t.status !== 'closed' && t.status !== 'resolved' && t.deadlineAt < NOW).length);
    expect(c.byStatus.closed).toBe(all.filter((t) => t.status === 'closed').length);
    // 即将超期: unresolved, due within 24 h (not yet overdue); 今日受理: since 00:00 Beijing.
    const dueSoon = all.filter((t) => t.status !== 'closed' && t.status !== 'resolved' && t.deadlineAt >= NOW && t.deadlineAt < NOW + 24 * 3_600_000).length;
    expect(dueSoon).toBeGreaterThan(0);
    expect(c.dueSoon).toBe(dueSoon);
    const dayStart = Date.UTC(2026, 10, 22, 16);
    expect(c.receivedToday).toBe(all.filter((t) => t.receivedAt >= dayStart && t.receivedAt < dayStart + 86_400_000).length);
    const renggang = c.bySubDistrict.find((s) => s.code === '320613003')!;
    expect(renggang.total).toBe(all.filter((t) => t.subDistrictCode === '320613003').length);
  });

  it('appends to a timeline without touching the rest of the ticket', async () => {
    const r = records[5]!;
    const entry = { at: NOW + 5, kind: 'commented' as const, actor: '区指挥中心', note: '请尽快到场 "核实"' };
    await appendTimeline(db, r.ticket.ticketNo, entry);
    expect(await getTimeline(db, r.ticket.ticketNo)).toEqual([...r.timeline, entry]);
    expect(await getTicket(db, r.ticket.ticketNo)).toEqual(r.ticket);
  });

  it('returns a ticket timeline in order', async () => {
    const t = all.find((x) => x.status === 'closed')!;
    const tl = await getTimeline(db, t.ticketNo);
    expect(tl[0]!.kind).toBe('received');
    expect(tl.at(-1)!.kind).toBe('closed');
    expect(tl.map((e) => e.at)).toEqual([...tl.map((e) => e.at)].sort((a, b) => a - b));
  });
});
