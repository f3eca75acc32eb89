/** Records from a hub that could not be applied: kept with the reason and the raw payload, never dropped. */
import type { Store } from '../open';

type Db = Pick<Store, 'insertInto' | 'selectFrom'>;

/** Raw payloads are kept up to this size (a hostile record may be huge); the reason says when cut. */
export const QUARANTINE_RAW_MAX = 64 * 1024;

export type QuarantineEntry = { source: string; reason: string; raw: string };

export async function quarantine(db: Db, entries: readonly QuarantineEntry[], at: number): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('quarantine')
    .values(
      entries.map((e) => ({
        at,
        source: e.source,
        reason: e.raw.length > QUARANTINE_RAW_MAX ? `${e.reason} (raw payload cut from ${e.raw.length} characters)` : e.reason,
        raw: e.raw.slice(0, QUARANTINE_RAW_MAX),
      })),
    )
    .execute();
}

export async function listQuarantine(db: Db, limit: number) {
  const items = await db.selectFrom('quarantine').selectAll().orderBy('id', 'desc').limit(limit).execute();
  const { n } = await db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(n) };
}
