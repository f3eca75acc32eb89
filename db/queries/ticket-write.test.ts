import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { TicketRecord } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { sql } from 'kysely';
import { recordToRow } from './ticket-row';
import { RECOMPUTED_KPI, RECOMPUTED_TALLY } from './ticket-sums';
import { acceptedChange, encodeAccepted, upsertTickets, writeTicketPages } from './ticket-write';

const NOW = Date.UTC(2026, 10, 23, 4);
let db: Store;
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
});
afterEach(async () => {
  await db.destroy();
});

const pageOf = (records: TicketRecord[]) => JSON.stringify({ changes: records.map((r, i) => ({ seq: i + 1, changedAt: NOW, ...r })), lastSeq: records.length, headSeq: records.length, hasMore: false });
/** A page write of `records`, storing the changes at `indexes` (all by default). */
const write = (records: TicketRecord[], indexes = records.map((_, i) => i)) => ({ json: pageOf(records), accepted: encodeAccepted(indexes.map((i) => acceptedChange(i, records[i]!))) });
const stored = async () => (await db.selectFrom('tickets').selectAll().orderBy('ticket_no').execute()).map(({ changed_mark: _m, ...row }) => row);
/** What the rows should be: the row mapping of each ticket's last version (ticket-row.ts). */
const expected = (records: TicketRecord[]) => {
  const last = new Map(records.map((r) => [r.ticket.ticketNo, r]));
  return [...last.values()].map(recordToRow).sort((a, b) => (a.ticket_no < b.ticket_no ? -1 : 1));
};
const sums = async () => ({
  kpi: (await sql<Record<string, unknown>>`select * from kpi_day where intake <> 0 order by 1, 2, 3`.execute(db)).rows,
  tally: (await sql<Record<string, unknown>>`select * from ticket_tally where n <> 0 order by 1, 2, 3`.execute(db)).rows,
});
const recomputed = async () => ({
  kpi: (await sql.raw<Record<string, unknown>>(`${RECOMPUTED_KPI} order by 1, 2, 3`).execute(db)).rows,
  tally: (await sql.raw<Record<string, unknown>>(`${RECOMPUTED_TALLY} order by 1, 2, 3`).execute(db)).rows,
});

describe('the one ticket writer', () => {
  it('stores every column as the ticket says — from the hub’s text or bytes, or from records — coordinates to the last bit', async () => {
    const records = generateTickets(3000, { seed: 11, now: NOW });
    // Values SQLite's own text-to-real conversion gets 1 ulp wrong, escapes, nulls and flags.
    records[0]!.ticket.lng = 32.381494;
    records[0]!.ticket.lat = -478.012708407161;
    records[1]!.ticket.summary = 'quote " backslash \\ newline \n tab \t 行分隔\u2028 emoji 🚧';
    records[1]!.ticket.coDepartments = ['住建局', '城管局'];
    records[1]!.ticket.cross = { region: true, level: false, department: true };
    records[2]!.timeline.push({ at: NOW, kind: 'commented', actor: '区指挥中心', note: '{"not":"json"}' });
    // Resolved more than once (the latest counts), and returned twice.
    records[3]!.timeline.push({ at: NOW - 50, kind: 'resolved', actor: 'x', note: '' }, { at: NOW - 40, kind: 'returned', actor: 'x', note: '' }, { at: NOW - 30, kind: 'returned', actor: 'x', note: '' }, { at: NOW - 20, kind: 'resolved', actor: 'x', note: '' });
    // Three pages in one write; the second as the UTF-8 bytes a hub sends.
    const asBytes = (w: ReturnType<typeof write>) => ({ ...w, json: new TextEncoder().encode(w.json) });
    await db.transaction().execute((trx) => writeTicketPages(trx, [write(records.slice(0, 1000)), asBytes(write(records.slice(1000, 2000))), write(records.slice(2000, 2500))]));
    await upsertTickets(db, records.slice(2500));
    const rows = await stored();
    expect(rows).toHaveLength(3000);
    expect(rows).toEqual(expected(records));
    expect(rows.find((r) => r.ticket_no === records[3]!.ticket.ticketNo)).toMatchObject({ resolved_at: NOW - 20, return_count: 2 });
  });

  it('stores how each ticket was placed — null coordinates when not at all — and a record that does not say as exact', async () => {
    const [a, b, c] = generateTickets(3, { seed: 14, now: NOW });
    const unplaced: TicketRecord = { ...a!, ticket: { ...a!.ticket, placement: 'none', lng: null, lat: null } };
    const approx: TicketRecord = { ...b!, ticket: { ...b!.ticket, placement: 'community', lng: 120.85, lat: 32.02 } };
    // A hub's record from before tickets said how they were placed: no placement in its JSON.
    const { placement: _p, ...silent } = { ...c!.ticket, lng: 120.86, lat: 32.03 };
    const records = [unplaced, approx, { ...c!, ticket: silent }] as TicketRecord[];
    await db.transaction().execute((trx) => writeTicketPages(trx, [write(records)]));
    const rows = await db.selectFrom('tickets').select(['ticket_no', 'placement', 'lng', 'lat']).orderBy('ticket_no').execute();
    expect(rows).toEqual(
      [
        { ticket_no: unplaced.ticket.ticketNo, placement: 'none', lng: null, lat: null },
        { ticket_no: approx.ticket.ticketNo, placement: 'community', lng: 120.85, lat: 32.02 },
        { ticket_no: c!.ticket.ticketNo, placement: 'exact', lng: 120.86, lat: 32.03 },
      ].sort((x, y) => (x.ticket_no < y.ticket_no ? -1 : 1)),
    );
  });

  it("stores only the accepted changes, and a later page's change of a ticket wins over an earlier one", async () => {
    const [a, b, c, d] = generateTickets(4, { seed: 12, now: NOW });
    const a2: TicketRecord = { ...a!, ticket: { ...a!.ticket, status: 'closed', updatedAt: NOW + 5 }, timeline: [...a!.timeline, { at: NOW + 5, kind: 'returned', actor: 'x', note: '' }] };
    // b was quarantined by the check: not accepted. a changes again in the next page.
    await db.transaction().execute((trx) => writeTicketPages(trx, [write([a!, b!, c!], [0, 2]), write([d!, a2])]));
    expect(await stored()).toEqual(expected([c!, d!, a2]));
  });

  it('marks each write with the next change mark', async () => {
    const [a, b] = generateTickets(2, { seed: 15, now: NOW });
    expect((await upsertTickets(db, [a!])).mark).toBe(1);
    expect((await upsertTickets(db, [b!, a!])).mark).toBe(2);
    expect(await db.selectFrom('tickets').select(['ticket_no', 'changed_mark']).orderBy('ticket_no').execute()).toEqual(
      [a!, b!].map((r) => ({ ticket_no: r.ticket.ticketNo, changed_mark: 2 })).sort((x, y) => (x.ticket_no < y.ticket_no ? -1 : 1)),
    );
  });

  it('keeps the KPI sums and the tally equal to a recount from scratch, through new tickets, changes that move them between days, sub-districts, categories and statuses, and a ticket changed twice in one write', async () => {
    const records = generateTickets(1500, { seed: 13, now: NOW, spanMs: 40 * 86_400_000 });
    const before = records.slice(0, 500);
    // Later: every one of `before` changes (status, category, satisfaction, a return, its receipt day), and new
    // tickets arrive; a stored ticket and a new one change twice in the same write (in two pages).
    const changed = before.map((r, i) => ({
      ...r,
      ticket: { ...r.ticket, status: i % 2 ? ('closed' as const) : ('resolved' as const), satisfaction: i % 2 ? ('satisfied' as const) : null, category: i % 3 ? r.ticket.category : 'noise', receivedAt: i % 5 ? r.ticket.receivedAt : r.ticket.receivedAt - 86_400_000 },
      timeline: [...r.timeline, { at: NOW, kind: 'returned' as const, actor: 'x', note: '' }, { at: NOW + 1, kind: 'resolved' as const, actor: 'x', note: '' }],
    }));
    const again: TicketRecord = { ...changed[0]!, ticket: { ...changed[0]!.ticket, status: 'returned', subDistrictCode: '320613099' } };
    const later = [...changed, ...records.slice(500)];
    const newAgain: TicketRecord = { ...later.at(-1)!, ticket: { ...later.at(-1)!.ticket, status: 'closed', satisfaction: 'satisfied', category: 'noise' } };
    await upsertTickets(db, before);
    expect(await sums()).toEqual(await recomputed());
    await db.transaction().execute((trx) => writeTicketPages(trx, [write(later.slice(0, 700)), write(later.slice(700)), write([again, newAgain])]));
    const now = await sums();
    expect(now.kpi.length).toBeGreaterThan(50);
    expect(now).toEqual(await recomputed());
    // One ticket at a time afterwards, as pushes come.
    for (const one of [{ ...again, ticket: { ...again.ticket, status: 'closed' as const } }, { ...newAgain, ticket: { ...newAgain.ticket, deadlineAt: NOW + 3 * 86_400_000, status: 'received' as const } }]) await upsertTickets(db, [one]);
    expect(await sums()).toEqual(await recomputed());
    // Nothing left behind by moves between days, sub-districts or categories but zero rows.
    const stray = (await sql<{ n: number }>`select count(*) as n from kpi_day where intake = 0 and (done <> 0 or on_time <> 0 or rated <> 0 or satisfied <> 0 or returns <> 0)`.execute(db)).rows[0]!;
    expect(Number(stray.n)).toBe(0);
  });

  it('changes nothing when the write fails part-way', async () => {
    const records = generateTickets(20, { seed: 16, now: NOW });
    await upsertTickets(db, records.slice(0, 10));
    const rowsBefore = await stored();
    const sumsBefore = await sums();
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await writeTicketPages(trx, [write(records)]);
        throw new Error('cursor write failed');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('cursor write failed');
    expect(await stored()).toEqual(rowsBefore);
    expect(await sums()).toEqual(sumsBefore);
  });
});
