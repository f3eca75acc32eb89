import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { openStore, type Store } from '../open';
import { escalationCandidates, escalationCandidatesQuery } from './escalation';
import { upsertTickets } from './ticket-write';

const NOW = Date.UTC(2026, 10, 23, 4);
let db: Store;
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
  await db.transaction().execute((trx) => upsertTickets(trx, generateTickets(1500, { seed: 11, now: NOW })));
});
afterEach(() => db.destroy());

describe('escalation candidates', () => {
  it('are open tickets meeting a rule, most overdue first, with their warning and outbox marks', async () => {
    const open = await db.selectFrom('tickets').select(['ticket_no', 'deadline_at', 'status', 'whistle_level']).where('status', 'not in', ['resolved', 'closed']).where('whistle_level', '<>', 'difficult').orderBy('deadline_at').execute();
    const warned = open.find((t) => t.deadline_at >= NOW)!;
    await db.insertInto('warnings').values({ id: 'w1', category: 'x', place_code: 'p', sub_district_code: 's', count: 11, first_at: 0, last_at: 0, latest_ticket_no: warned.ticket_no, raised_at: NOW, cleared_at: null, acknowledged_at: null, ack_action_id: null }).execute();
    const rows = await escalationCandidates(db, NOW, 5000);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.deadline_at)).toEqual([...rows.map((r) => r.deadline_at)].sort((a, b) => a - b));
    const overdue = open.filter((t) => t.deadline_at < NOW).map((t) => t.ticket_no);
    expect(rows.map((r) => r.ticket_no)).toEqual(expect.arrayContaining(overdue));
    expect(rows.find((r) => r.ticket_no === warned.ticket_no)?.warned).toBe(1);
  });

  it('look up warnings and waiting escalations by index, not by reading them all for each ticket', async () => {
    const { sql: text, parameters } = escalationCandidatesQuery(db, NOW, 2000).compile();
    const values = [...parameters];
    const literal = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));
    const plan = (await sql.raw<{ detail: string }>(`explain query plan ${text.replace(/\?/g, () => literal(values.shift()))}`).execute(db)).rows.map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING INDEX warnings_latest_active \(latest_ticket_no=\?\)/);
    expect(plan).toMatch(/USING (COVERING )?INDEX outbox_pending_ticket \(ticket_no=\? AND kind=\?\)/);
  });
});
