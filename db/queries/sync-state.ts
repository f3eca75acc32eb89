/** The sync's small key/value state. */
import type { Store } from '../open';

type Db = Pick<Store, 'insertInto' | 'selectFrom'>;

export async function readSyncState(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSyncState(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
