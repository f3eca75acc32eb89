import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { DatabaseFromTheFutureError, appliedMigrations, openStore, type Store } from '../open';
import { kpiColumns, KPI_FIELDS } from './0004-kpi-settings';
import { deadlineDay } from './0005-warnings-tally';
import { recordToRow } from '../queries/ticket-row';
import { enterBulkLoad } from '../queries/bulk-load';
import { getTicket } from '../queries/tickets';
import { upsertTickets } from '../queries/ticket-write';
import { MIGRATIONS } from './index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-mig-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tables = async (db: Parameters<typeof appliedMigrations>[0]) =>
  (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db)).rows.map((r) => r.name);

describe('migrations', () => {
  it('names only ever increase', () => {
    const names = MIGRATIONS.map(([n]) => n);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    names.forEach((n, i) => expect(n.startsWith(String(i + 1).padStart(4, '0') + '-')).toBe(true));
  });

  it('migrates an empty file to the latest schema, in WAL mode', async () => {
    const db = await openStore({ filename: path.join(dir, 's.sqlite') });
    expect(await tables(db)).toEqual(['kpi_day', 'meetings', 'outbox', 'quarantine', 'registers', 'reports', 'routing_rules', 'set_aside_indexes', 'settings', 'sync_state', 'ticket_tally', 'tickets', 'warnings']);
    expect(await appliedMigrations(db)).toEqual(MIGRATIONS.map(([n]) => n));
    expect((await sql<{ user_version: number }>`pragma user_version`.execute(db)).rows[0]!.user_version).toBe(MIGRATIONS.length);
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]!.journal_mode).toBe('wal');
    await db.destroy();
  });

  for (const [i, [name]] of MIGRATIONS.entries()) {
    if (i === MIGRATIONS.length - 1) continue;
    it(`upgrades a store left at ${name} without losing its tickets`, async () => {
      const file = path.join(dir, 'old.sqlite');
      const old = await openStore({ filename: file, migrateTo: name });
      await sql`insert into tickets (ticket_no, source, received_at, caller_masked, summary, address, lng, lat, category, sub_district_code, whistle_level, deadline_at, status, updated_at)
                values ('12345-1', 'hotline12345', 1, '王**', '电梯坏了', '景华城2幢', 120.8, 32.0, 'lift', '320613003', 'routine', 2, 'received', 1)`.execute(old);
      const hadEvents = (await tables(old)).includes('ticket_events');
      if (hadEvents) {
        await sql`insert into ticket_events (ticket_no, at, kind, actor, note) values ('12345-1', 1, 'received', '12345热线', ''), ('12345-1', 3, 'dispatched', '区指挥中心', '派任港街道')`.execute(old);
      }
      await old.destroy();
      const db = await openStore({ filename: file });
      // 0003 moved the timeline into the row: the steps recorded before the upgrade are still there, in order.
      const tl = (await sql<{ timeline: string }>`select timeline from tickets where ticket_no = '12345-1'`.execute(db)).rows[0]!.timeline;
      expect(JSON.parse(tl)).toEqual(
        hadEvents
          ? [
              { at: 1, kind: 'received', actor: '12345热线', note: '' },
              { at: 3, kind: 'dispatched', actor: '区指挥中心', note: '派任港街道' },
            ]
          : [],
      );
      expect(await appliedMigrations(db)).toEqual(MIGRATIONS.map(([n]) => n));
      expect((await sql<{ n: number }>`select count(*) as n from tickets where ticket_no = '12345-1'`.execute(db)).rows[0]!.n).toBe(1);
      // 0004 counted the tickets already there into the KPI sums (received 1970-01-01 08:00 Beijing), and its triggers
      // the ones written after it until 0014; from 0014 the store's writer keeps the sums (a raw insert, as here, is
      // not counted).
      const sums = (await sql`select day, sub_district_code, category, intake, done from kpi_day`.execute(db)).rows;
      expect(sums).toEqual(i < MIGRATIONS.findIndex(([n]) => n === '0014-sums-by-the-writer') ? [{ day: '1970-01-01', sub_district_code: '320613003', category: 'lift', intake: 1, done: 0 }] : []);
      await db.destroy();
    });
  }

  it('refuses a database written by a newer Liandong, and leaves it untouched', async () => {
    const file = path.join(dir, 'future.sqlite');
    const db = await openStore({ filename: file });
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')`.execute(db);
    await db.destroy();
    const err = await openStore({ filename: file }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseFromTheFutureError);
    expect(err.message).toMatch(/数据库版本比本程序新.*9999-from-the-future/);
  });

  describe('0013 (placement; lng and lat nullable) on a store with tickets', () => {
    const NOW = Date.UTC(2026, 10, 23, 4);
    /** A store left at 0012 holding 400 tickets (some deleted, so rowids have gaps), written as 0012 wrote them. */
    async function storeAt0012(file: string): Promise<Store> {
      const old = await openStore({ filename: file, migrateTo: '0012-resolved-day-covering' });
      const rows = generateTickets(400, { seed: 3, now: NOW, spanMs: 20 * 86_400_000 }).map((r) => {
        const { placement: _p, ...row } = recordToRow(r);
        return { ...row, lng: row.lng ?? 120.87, lat: row.lat ?? 32.02, changed_mark: 1 };
      });
      for (let i = 0; i < rows.length; i += 100) await old.insertInto('tickets').values(rows.slice(i, i + 100) as never).execute();
      await sql`delete from tickets where rowid % 7 = 3`.execute(old);
      return old;
    }
    const objects = async (db: Store) =>
      (await sql<{ type: string; name: string; sql: string }>`select type, name, sql from sqlite_master where tbl_name = 'tickets' and sql is not null and type <> 'table' order by type, name`.execute(db)).rows;
    const sums = async (db: Store) => ({
      kpi: (await sql`select * from kpi_day where intake <> 0 order by day, sub_district_code, category`.execute(db)).rows,
      tally: (await sql`select * from ticket_tally where n <> 0 order by sub_district_code, status, deadline_day`.execute(db)).rows,
    });
    /** The sums worked out afresh from the tickets, as 0004 and 0005 first filled them. */
    const sumsAfresh = async (db: Store) => ({
      kpi: (
        await sql
          .raw(`select day, sub_district_code, category, ${KPI_FIELDS.map((f) => `sum(${f}) as ${f}`).join(', ')} from (select ${kpiColumns('t')} from tickets t)
                group by day, sub_district_code, category order by day, sub_district_code, category`)
          .execute(db)
      ).rows,
      tally: (await sql.raw(`select sub_district_code, status, ${deadlineDay('t')} as deadline_day, count(*) as n from tickets t group by 1, 2, 3 order by 1, 2, 3`).execute(db)).rows,
    });

    it('keeps every ticket with its rowid, every index and trigger as it was, and the KPI sums; after 0014 the writer keeps them without the triggers', async () => {
      const file = path.join(dir, 'placement.sqlite');
      const old = await storeAt0012(file);
      const rowsBefore = (await sql<Record<string, unknown>>`select rowid as rid, * from tickets order by rowid`.execute(old)).rows;
      const objectsBefore = await objects(old);
      const sumsBefore = await sums(old);
      expect(rowsBefore.length).toBeGreaterThan(300);
      expect(objectsBefore.filter((o) => o.type === 'trigger').map((o) => o.name)).toEqual(['tickets_kpi_delete', 'tickets_kpi_insert', 'tickets_kpi_update', 'tickets_tally_delete', 'tickets_tally_insert', 'tickets_tally_update']);
      expect(objectsBefore.some((o) => o.name === 'tickets_open_deadline' && /where/i.test(o.sql))).toBe(true);
      await old.destroy();

      const at0013 = await openStore({ filename: file, migrateTo: '0013-ticket-placement' });
      expect(await objects(at0013)).toEqual(
        [...objectsBefore, { type: 'index', name: 'tickets_unplaced', sql: 'CREATE INDEX tickets_unplaced on tickets (status) where lng is null' }].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
      );
      await at0013.destroy();

      const db = await openStore({ filename: file });
      expect((await sql<Record<string, unknown>>`select rowid as rid, * from tickets order by rowid`.execute(db)).rows).toEqual(rowsBefore.map((r) => ({ ...r, placement: 'exact' })));
      // 0014: the same indexes, no triggers; the sums as the triggers left them.
      expect(await objects(db)).toEqual(
        [...objectsBefore.filter((o) => o.type !== 'trigger'), { type: 'index', name: 'tickets_unplaced', sql: 'CREATE INDEX tickets_unplaced on tickets (status) where lng is null' }].sort((a, b) => a.name.localeCompare(b.name)),
      );
      expect(await sums(db)).toEqual(sumsBefore);
      const cols = (await sql<{ name: string; notnull: number; dflt_value: string | null }>`select name, "notnull", dflt_value from pragma_table_info('tickets')`.execute(db)).rows;
      expect(cols.filter((c) => ['lng', 'lat', 'placement'].includes(c.name))).toEqual([
        { name: 'lng', notnull: 0, dflt_value: null },
        { name: 'lat', notnull: 0, dflt_value: null },
        { name: 'placement', notnull: 1, dflt_value: "'exact'" },
      ]);
      expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: 'ok' }]);
      expect(await sql`select name from sqlite_master where name = 'tickets_0013'`.execute(db).then((r) => r.rows)).toEqual([]);

      // The writer keeps the sums by the rules 0004 and 0005 defined: a new ticket (one not placed), a ticket closed.
      const [fresh] = generateTickets(1, { seed: 4, now: NOW, startIndex: 9000 });
      const unplaced = { ...fresh!, ticket: { ...fresh!.ticket, placement: 'none' as const, lng: null, lat: null } };
      const open = (await db.selectFrom('tickets').select('ticket_no').where('status', '=', 'dispatched').limit(1).executeTakeFirstOrThrow()).ticket_no;
      const closing = (await getTicket(db, open))!;
      await upsertTickets(db, [unplaced, { ticket: { ...closing, status: 'closed', satisfaction: 'satisfied' }, timeline: [{ at: NOW, kind: 'resolved', actor: 'x', note: '' }] }]);
      expect(await getTicket(db, unplaced.ticket.ticketNo)).toEqual(unplaced.ticket);
      const after = await sums(db);
      expect(after).not.toEqual(sumsBefore);
      expect(after).toEqual(await sumsAfresh(db));
      // A new row still goes after every other (rowids only grow).
      const newest = (await sql<{ ticket_no: string }>`select ticket_no from tickets order by rowid desc limit 1`.execute(db)).rows[0]!.ticket_no;
      expect(newest).toBe(unplaced.ticket.ticketNo);
      await db.destroy();
    });

    it('builds the indexes a bulk load had set aside on the new table when the store opens', async () => {
      const file = path.join(dir, 'aside.sqlite');
      const old = await storeAt0012(file);
      const objectsBefore = await objects(old);
      await old.transaction().execute((trx) => enterBulkLoad(trx));
      expect((await objects(old)).length).toBeLessThan(objectsBefore.length);
      await old.destroy();
      const db = await openStore({ filename: file });
      // The same indexes as before (0014 dropped the triggers; 0013 added tickets_unplaced).
      expect((await objects(db)).filter((o) => o.name !== 'tickets_unplaced')).toEqual(objectsBefore.filter((o) => o.type !== 'trigger'));
      await db.destroy();
    });
  });
});
