/** Meetings as last heard from the hub. */
import type { Meeting } from '../../shared/hub-meeting';
import type { Store } from '../open';

export async function saveMeeting(store: Store, m: Meeting): Promise<void> {
  const body = JSON.stringify(m);
  await store
    .insertInto('meetings')
    .values({ id: m.id, created_at: m.createdAt, ended_at: m.endedAt, body })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ended_at: m.endedAt, body }))
    .execute();
}

/** Newest first. */
export async function listMeetings(store: Store, limit = 50): Promise<Meeting[]> {
  const rows = await store.selectFrom('meetings').select('body').orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => JSON.parse(r.body) as Meeting);
}

export async function getMeeting(store: Store, id: string): Promise<Meeting | undefined> {
  const row = await store.selectFrom('meetings').select('body').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.body) as Meeting) : undefined;
}
