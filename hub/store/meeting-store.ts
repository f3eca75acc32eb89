/**
 * The hub's meetings: each kept as its snapshot, and the operations applied to them by id (a repeat gets
 * the first answer, across hub restarts too). Shares the hub store's one connection.
 */
import type { Meeting } from '../../shared/hub-meeting';
import type { HubDb } from './hub-store';

/** Meetings a participant is sent on connecting: those not ended, and those ended in the last day (minutes). */
const RECENT_MS = 86_400_000;

export class MeetingStore {
  constructor(private readonly db: HubDb) {}

  async get(id: string): Promise<Meeting | undefined> {
    const row = await this.db.selectFrom('hub_meetings').select('body').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.body) as Meeting) : undefined;
  }

  async recent(now: number): Promise<Meeting[]> {
    const rows = await this.db
      .selectFrom('hub_meetings')
      .select('body')
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', now - RECENT_MS)]))
      .orderBy('created_at')
      .execute();
    return rows.map((r) => JSON.parse(r.body) as Meeting);
  }

  async photo(meetingId: string, photoId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('hub_meeting_photos').select('data_url').where('id', '=', photoId).where('meeting_id', '=', meetingId).executeTakeFirst();
    return row?.data_url;
  }

  async save(meeting: Meeting, now: number): Promise<void> {
    const body = JSON.stringify(meeting);
    await this.db
      .insertInto('hub_meetings')
      .values({ id: meeting.id, created_at: meeting.createdAt, updated_at: now, ended_at: meeting.endedAt, body })
      .onConflict((oc) => oc.column('id').doUpdateSet({ updated_at: now, ended_at: meeting.endedAt, body }))
      .execute();
  }

  /**
   * Apply an operation once: `decide` sees the meeting as stored (or undefined) and returns the meeting to
   * store, or none, with the answer. Answer and meeting are written in one transaction.
   */
  async applyOnce<A>(
    op: { id: string; meetingId: string; op: string; role: string; stationCode: string | null },
    now: number,
    decide: (meeting: Meeting | undefined) => { store?: Meeting; photos?: { id: string; dataUrl: string }[]; answer: A },
  ): Promise<{ answer: A; duplicate: boolean; meeting?: Meeting }> {
    return this.db.transaction().execute(async (trx) => {
      const previous = await trx.selectFrom('hub_meeting_ops').select('result').where('id', '=', op.id).executeTakeFirst();
      if (previous) return { answer: JSON.parse(previous.result) as A, duplicate: true };
      const row = await trx.selectFrom('hub_meetings').select('body').where('id', '=', op.meetingId).executeTakeFirst();
      const { store, photos, answer } = decide(row ? (JSON.parse(row.body) as Meeting) : undefined);
      if (store) await new MeetingStore(trx).save(store, now);
      if (store && photos?.length) await trx.insertInto('hub_meeting_photos').values(photos.map((p) => ({ id: p.id, meeting_id: store.id, data_url: p.dataUrl }))).execute();
      await trx
        .insertInto('hub_meeting_ops')
        .values({ id: op.id, at: now, meeting_id: op.meetingId, op: op.op, role: op.role, station_code: op.stationCode, result: JSON.stringify(answer) })
        .execute();
      return { answer, duplicate: false, meeting: store };
    });
  }
}
