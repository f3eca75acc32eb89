/**
 * The hub's meetings on disk: each meeting as a snapshot now and then, the patches since (one row per
 * version), the operations applied by id (a repeat gets the first answer, across hub restarts too) and
 * the site photos. A batch of changes is written in one transaction. Shares the hub store's connection.
 */
import type { Meeting, MeetingPatch } from '../../shared/hub-meeting';
import { applyMeetingPatch } from '../../shared/meeting-patch';
import { appendAudit, type AuditEntry } from '../audit-log';
import type { HubDb } from './hub-store';
import type { HubMeetingChangesTable, HubMeetingOpsTable, HubMeetingPhotosTable } from './schema';

/** Meetings a participant is sent on connecting: those not ended, and those ended in the last day (minutes). */
const RECENT_MS = 86_400_000;
/** Rows per insert statement (each row binds at most 8 values: well under SQLite's limit). */
const ROWS_PER_STATEMENT = 1000;

/** What one batch of meeting changes writes. */
export type MeetingWrites = {
  ops: HubMeetingOpsTable[];
  changes: HubMeetingChangesTable[];
  photos: HubMeetingPhotosTable[];
  /** Meetings to store whole, with their JSON (their older patches are then pruned). */
  snapshots: { meeting: Meeting; body: string }[];
  /** Audit entries of the operations. */
  audit: AuditEntry[];
};

/** A stored body: meetings stored before versions have none. */
const parse = (body: string): Meeting => {
  const m = JSON.parse(body) as Meeting;
  return m.version === undefined ? { ...m, version: 0 } : m;
};

export class MeetingStore {
  constructor(private readonly db: HubDb) {}

  /** The meeting as it now is: its snapshot with the patches since applied. */
  async load(id: string): Promise<Meeting | undefined> {
    const row = await this.db.selectFrom('hub_meetings').select('body').where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    let m = parse(row.body);
    const changes = await this.db.selectFrom('hub_meeting_changes').select(['version', 'patch']).where('meeting_id', '=', id).where('version', '>', m.version).orderBy('version').execute();
    for (const c of changes) m = applyMeetingPatch(m, c.version, JSON.parse(c.patch) as MeetingPatch);
    return m;
  }

  async recentIds(now: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('hub_meetings')
      .select('id')
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', now - RECENT_MS)]))
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.id);
  }

  /** The answers already given to any of these operation ids (JSON) with the operation's digest, by id: one
   * query for a whole batch. */
  async opResults(ids: readonly string[]): Promise<Map<string, { result: string; digest: string | null }>> {
    const out = new Map<string, { result: string; digest: string | null }>();
    for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
      const rows = await this.db.selectFrom('hub_meeting_ops').select(['id', 'result', 'digest']).where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT)).execute();
      for (const r of rows) out.set(r.id, { result: r.result, digest: r.digest });
    }
    return out;
  }

  /** Which of these ticket numbers the hub holds (an agenda names only tickets that exist). */
  async existingTickets(ticketNos: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ticketNos.length; i += ROWS_PER_STATEMENT) {
      const rows = await this.db.selectFrom('hub_tickets').select('ticket_no').where('ticket_no', 'in', ticketNos.slice(i, i + ROWS_PER_STATEMENT)).execute();
      for (const r of rows) out.add(r.ticket_no);
    }
    return out;
  }

  async photo(meetingId: string, photoId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('hub_meeting_photos').select('data_url').where('id', '=', photoId).where('meeting_id', '=', meetingId).executeTakeFirst();
    return row?.data_url;
  }

  /** Everything of one batch, in one transaction. */
  async write(w: MeetingWrites, now: number): Promise<void> {
    if (!w.ops.length && !w.changes.length && !w.photos.length && !w.snapshots.length && !w.audit.length) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < w.ops.length; i += ROWS_PER_STATEMENT) await trx.insertInto('hub_meeting_ops').values(w.ops.slice(i, i + ROWS_PER_STATEMENT)).execute();
      for (let i = 0; i < w.changes.length; i += ROWS_PER_STATEMENT) await trx.insertInto('hub_meeting_changes').values(w.changes.slice(i, i + ROWS_PER_STATEMENT)).execute();
      await appendAudit(trx, w.audit);
      // Photos are large: one per statement.
      for (const p of w.photos) await trx.insertInto('hub_meeting_photos').values(p).execute();
      for (const { meeting: m, body } of w.snapshots) {
        await trx
          .insertInto('hub_meetings')
          .values({ id: m.id, created_at: m.createdAt, updated_at: now, ended_at: m.endedAt, body })
          .onConflict((oc) => oc.column('id').doUpdateSet({ updated_at: now, ended_at: m.endedAt, body }))
          .execute();
        await trx.deleteFrom('hub_meeting_changes').where('meeting_id', '=', m.id).where('version', '<=', m.version).execute();
      }
    });
  }
}
