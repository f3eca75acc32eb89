import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFromTheFutureError, appliedMigrations, openStore } from '../open';
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
    expect(await tables(db)).toEqual(['kpi_day', 'meetings', 'outbox', 'quarantine', 'routing_rules', 'set_aside_indexes', 'settings', 'sync_state', 'ticket_tally', 'tickets', 'warnings']);
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
      // 0004 counted the tickets already there into the KPI sums (received 1970-01-01 08:00 Beijing).
      expect((await sql`select day, sub_district_code, category, intake, done from kpi_day`.execute(db)).rows).toEqual([{ day: '1970-01-01', sub_district_code: '320613003', category: 'lift', intake: 1, done: 0 }]);
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
});
