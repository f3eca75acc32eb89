import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { TicketRecord } from '../../shared/domain/ticket';
import { openStore, type Store } from '../open';
import { upsertTicketPage, upsertTickets } from './tickets';

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
    await byPage.transaction().execute((trx) => upsertTicketPage(trx, { json: pageOf(records), accepted: records.map((r, index) => ({ index, lng: r.ticket.lng, lat: r.ticket.lat })) }));
    expect(await everything(byPage)).toEqual(await everything(byRows));
  });

  it('stores only the accepted changes, and a later change of a ticket wins over an earlier one', async () => {
    const [a, b, c] = generateTickets(3, { seed: 12, now: NOW });
    const a2: TicketRecord = { ...a!, ticket: { ...a!.ticket, status: 'closed', updatedAt: NOW + 5 } };
    const records = [a!, b!, c!, a2];
    // b was quarantined by the check: not accepted.
    await byPage.transaction().execute((trx) => upsertTicketPage(trx, { json: pageOf(records), accepted: [0, 2, 3].map((index) => ({ index, lng: records[index]!.ticket.lng, lat: records[index]!.ticket.lat })) }));
    await upsertTickets(byRows, [c!, a2]);
    expect(await everything(byPage)).toEqual(await everything(byRows));
  });
});
