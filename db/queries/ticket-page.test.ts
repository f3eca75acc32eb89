import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { TicketRecord } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { sql } from 'kysely';
import { acceptedChange, encodeAccepted, SET_BASED_FROM, upsertTicketPages, upsertTickets } from './tickets';
import { sumsOf } from './ticket-sums';

const NOW = Date.UTC(2026, 10, 23, 4);
let byRows: Store;
let byPage: Store;
beforeEach(async () => {
  byRows = await openStore({ filename: ':memory:' });
  byPage = await openStore({ filename: ':memory:' });
});
afterEach(async () => {
  await byRows.destroy();
  await byPage.destroy();
});

const pageOf = (records: TicketRecord[]) => JSON.stringify({ changes: records.map((r, i) => ({ seq: i + 1, changedAt: NOW, ...r })), lastSeq: records.length, headSeq: records.length, hasMore: false });
/** A page write of `records`, storing the changes at `indexes` (all by default). */
const write = (records: TicketRecord[], indexes = records.map((_, i) => i)) => ({ json: pageOf(records), accepted: encodeAccepted(indexes.map((i) => acceptedChange(i, records[i]!))) });
/** The same with the sums its stored versions add, as the sync's checker works them out. */
const withSums = (records: TicketRecord[]) => ({ ...write(records), sums: sumsOf(records.map((r, i) => ({ ticket: r.ticket, ...acceptedChange(i, r) }))) });
const everything = (db: Store) => db.selectFrom('tickets').selectAll().orderBy('ticket_no').execute();

describe('storing a page of the change feed from its JSON text', () => {
  it('stores exactly the rows the record-by-record upsert stores, coordinates to the last bit', async () => {
    const records = generateTickets(3000, { seed: 11, now: NOW });
    // Values SQLite's own text-to-real conversion gets 1 ulp wrong, escapes, nulls and flags.
    records[0]!.ticket.lng = 32.381494;
    records[0]!.ticket.lat = -478.012708407161;
    records[1]!.ticket.summary = 'quote " backslash \\ newline \n tab \t 行分隔\u2028 emoji 🚧';
    records[1]!.ticket.coDepartments = ['住建局', '城管局'];
    records[1]!.ticket.cross = { region: true, level: false, department: true };
    records[2]!.timeline.push({ at: NOW, kind: 'commented', actor: '区指挥中心', note: '{"not":"json"}' });
    await upsertTickets(byRows, records);
    // Resolved more than once (the latest counts), and returned twice.
    records[3]!.timeline.push({ at: NOW - 50, kind: 'resolved', actor: 'x', note: '' }, { at: NOW - 40, kind: 'returned', actor: 'x', note: '' }, { at: NOW - 30, kind: 'returned', actor: 'x', note: '' }, { at: NOW - 20, kind: 'resolved', actor: 'x', note: '' });
    await upsertTickets(byRows, records);
    // Three pages in one write; the second as the UTF-8 bytes a hub sends.
    const asBytes = (w: ReturnType<typeof write>) => ({ ...w, json: new TextEncoder().encode(w.json) });
    await byPage.transaction().execute((trx) => upsertTicketPages(trx, [write(records.slice(0, 1000)), asBytes(write(records.slice(1000, 2500))), write(records.slice(2500))]));
    const rows = await everything(byPage);
    expect(rows).toHaveLength(3000);
    expect(rows).toEqual(await everything(byRows));
    expect(rows.find((r) => r.ticket_no === records[3]!.ticket.ticketNo)).toMatchObject({ resolved_at: NOW - 20, return_count: 2 });
  });

  it('stores how each ticket was placed — null coordinates when not at all — and a record that does not say as exact', async () => {
    const [a, b, c] = generateTickets(3, { seed: 14, now: NOW });
    const unplaced: TicketRecord = { ...a!, ticket: { ...a!.ticket, placement: 'none', lng: null, lat: null } };
    const approx: TicketRecord = { ...b!, ticket: { ...b!.ticket, placement: 'community', lng: 120.85, lat: 32.02 } };
    // A hub's record from before tickets said how they were placed: no placement in its JSON.
    const { placement: _p, ...silent } = { ...c!.ticket, lng: 120.86, lat: 32.03 };
    const records = [unplaced, approx, { ...c!, ticket: silent }] as TicketRecord[];
    await byPage.transaction().execute((trx) => upsertTicketPages(trx, [write(records)]));
    const rows = await byPage.selectFrom('tickets').select(['ticket_no', 'placement', 'lng', 'lat']).orderBy('ticket_no').execute();
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
    await byPage.transaction().execute((trx) => upsertTicketPages(trx, [write([a!, b!, c!], [0, 2]), write([d!, a2])]));
    await upsertTickets(byRows, [c!, d!, a2]);
    expect(await everything(byPage)).toEqual(await everything(byRows));
  });

  it.each([
    ['reads them back from its new rows', false],
    ["adds the checker's sums of the versions it stores", true],
  ])('keeps the KPI sums and the tally equal to what the row triggers keep, when a big write %s', async (_how, given) => {
    const pageWrite = given ? withSums : write;
    const records = generateTickets(3 * SET_BASED_FROM, { seed: 13, now: NOW, spanMs: 40 * 86_400_000 });
    const before = records.slice(0, SET_BASED_FROM);
    // Later: every one of `before` changes (status, category, satisfaction, a return), and new tickets arrive;
    // a stored ticket and a new one change twice in the same write (in two pages).
    const changed = before.map((r, i) => ({
      ...r,
      ticket: { ...r.ticket, status: i % 2 ? ('closed' as const) : ('resolved' as const), satisfaction: i % 2 ? ('satisfied' as const) : null, category: i % 3 ? r.ticket.category : 'noise' },
      timeline: [...r.timeline, { at: NOW, kind: 'returned' as const, actor: 'x', note: '' }, { at: NOW + 1, kind: 'resolved' as const, actor: 'x', note: '' }],
    }));
    const again: TicketRecord = { ...changed[0]!, ticket: { ...changed[0]!.ticket, status: 'returned', subDistrictCode: '320613099' } };
    const later = [...changed, ...records.slice(SET_BASED_FROM)];
    const newAgain: TicketRecord = { ...later.at(-1)!, ticket: { ...later.at(-1)!.ticket, status: 'closed', satisfaction: 'satisfied', category: 'noise' } };
    for (const db of [byRows, byPage]) await upsertTickets(db, before, 1);
    await upsertTickets(byRows, [...later, again, newAgain], 2);
    await byPage.transaction().execute((trx) => upsertTicketPages(trx, [pageWrite(later.slice(0, 700)), pageWrite(later.slice(700)), pageWrite([again, newAgain])], 2));
    const sums = async (db: Store) => ({
      kpi: (await sql<Record<string, unknown>>`select * from kpi_day where intake <> 0 order by 1, 2, 3`.execute(db)).rows,
      tally: (await sql<Record<string, unknown>>`select * from ticket_tally where n <> 0 order by 1, 2, 3`.execute(db)).rows,
    });
    const expected = await sums(byRows);
    expect(expected.kpi.length).toBeGreaterThan(50);
    expect(await sums(byPage)).toEqual(expected);
    expect(await everything(byPage)).toEqual(await everything(byRows));
    // The triggers are back: a later one-row write is summed by them.
    const one = { ...again, ticket: { ...again.ticket, status: 'closed' as const } };
    for (const db of [byRows, byPage]) await upsertTickets(db, [one], 3);
    expect(await sums(byPage)).toEqual(await sums(byRows));
  });
});
