/** The supervision registers in the console's store (0016): each record's latest version as the hub sent it. */
import { RegisterRecord, registerKey, registerScope, type RegisterKind } from '../../shared/supervision';
import type { Store, StoreReader } from '../open';
import { readSyncState, writeSyncState } from './sync-state';

const CURSOR = 'registersSeq';

/** Where the next read of the hub's registers starts: the last seq read. */
export async function registersCursor(store: Store): Promise<number> {
  return Number((await readSyncState(store, CURSOR)) ?? 0);
}

/** Keep the records read (validated), each replacing its earlier version, and move the cursor to `lastSeq` (in
 * the same transaction: a read is kept whole or not at all). */
export async function saveRegisters(store: Store, changes: readonly { seq: number; record: RegisterRecord }[], lastSeq: number): Promise<void> {
  await store.transaction().execute(async (trx) => {
    await writeSyncState(trx, CURSOR, String(lastSeq));
    for (const { seq, record } of changes) {
      const row = { key: registerKey(record), kind: record.kind, id: record.id, seq, sub_district_code: registerScope(record), body: JSON.stringify(record) };
      await trx.insertInto('registers').values(row).onConflict((oc) => oc.column('key').doUpdateSet({ seq, sub_district_code: row.sub_district_code, body: row.body })).execute();
    }
  });
}

/** The records of one kind (or all), as stored. */
export async function listRegisters<K extends RegisterKind>(store: StoreReader, kind: K): Promise<Extract<RegisterRecord, { kind: K }>[]> {
  const rows = await store.selectFrom('registers').select('body').where('kind', '=', kind).orderBy('seq').execute();
  return rows.map((r) => RegisterRecord.parse(JSON.parse(r.body)) as Extract<RegisterRecord, { kind: K }>);
}
