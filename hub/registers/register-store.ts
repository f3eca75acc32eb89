/**
 * The supervision registers in the hub's store: each record's latest version at a seq of the registers' own
 * feed (assigned inside the writing transaction: the store has one writer), and the photos of site visits.
 */
import { sql } from 'kysely';
import { RegisterRecord, registerKey, registerScope, type Person } from '../../shared/supervision';
import type { HubDb } from '../store/hub-store';

export async function readRecord(db: HubDb, key: string): Promise<RegisterRecord | undefined> {
  const row = await db.selectFrom('hub_registers').select('body').where('key', '=', key).executeTakeFirst();
  return row ? RegisterRecord.parse(JSON.parse(row.body)) : undefined;
}

export async function readPerson(db: HubDb, id: string | null): Promise<Person | undefined> {
  if (!id) return undefined;
  const r = await readRecord(db, registerKey({ kind: 'person', id }));
  return r?.kind === 'person' ? r : undefined;
}

/** Letters numbered in a year so far (their numbers read 督查〔year〕n号). */
export async function lettersInYear(db: HubDb, year: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from hub_registers where kind = 'letter' and json_extract(body, '$.number') like ${`督查〔${year}〕%`}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Store a record's new version at the next seq (inside a transaction). */
export async function writeRecord(trx: HubDb, record: RegisterRecord, now: number): Promise<number> {
  const head = await trx.selectFrom('hub_registers').select((eb) => eb.fn.max<number>('seq').as('head')).executeTakeFirst();
  const seq = Number(head?.head ?? 0) + 1;
  const body = JSON.stringify(RegisterRecord.parse(record));
  const row = { key: registerKey(record), kind: record.kind, seq, changed_at: now, sub_district_code: registerScope(record), body };
  await trx
    .insertInto('hub_registers')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ seq, changed_at: now, sub_district_code: row.sub_district_code, body }))
    .execute();
  return seq;
}

export async function writePhotos(trx: HubDb, record: RegisterRecord, photos: readonly { id: string; dataUrl: string }[]): Promise<void> {
  for (const p of photos) {
    await trx.insertInto('hub_register_photos').values({ id: p.id, register_key: registerKey(record), sub_district_code: registerScope(record), data_url: p.dataUrl }).execute();
  }
}

/** The records changed after `after`, in seq order: a station's (`station`) only those of its sub-district and
 * the district-wide ones. */
export async function registersSince(db: HubDb, after: number, limit: number, station: string | null): Promise<{ seq: number; body: string }[]> {
  return db
    .selectFrom('hub_registers')
    .select(['seq', 'body'])
    .where('seq', '>', after)
    .$if(station !== null, (qb) => qb.where((eb) => eb.or([eb('sub_district_code', 'is', null), eb('sub_district_code', '=', station!)])))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function registersHead(db: HubDb): Promise<number> {
  const head = await db.selectFrom('hub_registers').select((eb) => eb.fn.max<number>('seq').as('head')).executeTakeFirst();
  return Number(head?.head ?? 0);
}

export async function readPhoto(db: HubDb, id: string): Promise<{ dataUrl: string; subDistrictCode: string | null } | undefined> {
  const row = await db.selectFrom('hub_register_photos').select(['data_url', 'sub_district_code']).where('id', '=', id).executeTakeFirst();
  return row ? { dataUrl: row.data_url, subDistrictCode: row.sub_district_code } : undefined;
}
