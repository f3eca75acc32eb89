/**
 * The hub's meetings over socket.io: operations with acknowledgement (each applied once per id), presence
 * from connected station sockets, photos on request.
 *
 * Meetings being held are kept in memory. Everything that changes one (an operation, a decision, a station
 * coming or going) is queued and applied in order; what has queued meanwhile is then written in one
 * transaction (group commit), and only after it is stored are the answers sent and the changes pushed — as
 * patches, each to the meeting's audience only (socket.io rooms: 'staff' for chair and viewer consoles,
 * 'station:<code>' per sub-district). A participant gets the whole meeting on connecting, and when it asks
 * ('meetingGet') after missing a version.
 */
import type { Namespace, Socket } from 'socket.io';
import { describeZodError } from '../shared/rpc/errors';
import {
  MeetingGetRequest,
  MeetingOp,
  MeetingPhotoRequest,
  type Meeting,
  type MeetingAck,
  type MeetingDecision,
  type MeetingGetAnswer,
  type MeetingPatchPush,
  type MeetingPhotoAnswer,
} from '../shared/hub-meeting';
import { diffMeeting } from '../shared/meeting-patch';
import type { HubIdentity } from '../shared/hub-protocol';
import type { Actor } from './actions';
import { digestOf, REUSED_ID_MESSAGE } from './request-digest';
import type { AuditEntry } from './audit-log';
import { applyMeetingOp, canSee, markPresence, photoId, recordDecision, type MeetingOutcome } from './meeting-rules';
import type { MeetingStore, MeetingWrites } from './store/meeting-store';
import { OneAtATime } from '../shared/one-at-a-time';
import { stationSiteRoom } from './live-links/link-parties';

const actorOf = (who: HubIdentity): Actor => ({ role: who.role, stationCode: who.stationCode, name: who.name });
/**
 * A meeting is stored whole when created or ended, and once the patches since its last snapshot add up to
 * more than that snapshot (at least SNAPSHOT_MIN_BYTES): storing stays in proportion to what changed however
 * long the meeting grows, and rebuilding it reads at most twice its size.
 */
const SNAPSHOT_MIN_BYTES = 64 * 1024;
/** Ended meetings stay in memory this long (participants connecting are sent those of the last day). */
const ENDED_KEPT_MS = 86_400_000;
const FORGET_EVERY_MS = 60_000;
/** Queued steps applied and written together at most. */
const MAX_BATCH = 500;

const STAFF_ROOM = 'staff';
/** A station's room: its meetings' snapshots, and the signalling of its console's own site (one name for both). */
const stationRoom = stationSiteRoom;
const roomOf = (who: HubIdentity) => (who.role === 'station' && who.stationCode ? stationRoom(who.stationCode) : STAFF_ROOM);

/** A meeting in memory, with the size of its last snapshot and of the patches stored since. */
type Held = { meeting: Meeting; snapshotBytes: number; patchBytes: number };

/** One group commit: the rows to write, what to send once they are stored, and how to undo in memory. */
class Batch implements MeetingWrites {
  readonly ops: MeetingWrites['ops'] = [];
  readonly changes: MeetingWrites['changes'] = [];
  readonly photos: MeetingWrites['photos'] = [];
  private readonly whole = new Map<string, { meeting: Meeting; body: string }>();
  readonly sends: (() => void)[] = [];
  readonly before = new Map<string, Held | undefined>();
  readonly answered = new Map<string, MeetingAck>();
  /** Audit entries of this batch's operations (stored with it). */
  readonly audit: AuditEntry[] = [];
  /** Digests of the operations answered in this batch, by id. */
  readonly digests = new Map<string, string>();
  /** Answers stored before this batch to the operations in it (JSON, with the digest), looked up in one query. */
  known = new Map<string, { result: string; digest: string | null }>();

  get snapshots(): { meeting: Meeting; body: string }[] {
    return [...this.whole.values()];
  }

  /** Store the meeting whole with this batch (a later version in the same batch replaces it); its size. */
  storeWhole(meeting: Meeting): number {
    const body = JSON.stringify(meeting);
    this.whole.set(meeting.id, { meeting, body });
    return body.length;
  }
}

type Job = { step: (b: Batch) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void; opId?: string };

export class HubMeetings {
  private readonly held = new Map<string, Held>();
  private readonly queue: Job[] = [];
  /** One batch write at a time; steps queued meanwhile go in the next. */
  private readonly flusher = new OneAtATime(() => this.flush());
  private lastForget = 0;
  private readonly changeListeners = new Set<(m: Meeting) => void>();

  constructor(
    private readonly nsp: Namespace,
    private readonly store: MeetingStore,
    private readonly clock: () => number,
    private readonly whoOf: (socket: Socket) => HubIdentity,
    /** Whether a station code may be invited (the district's sub-districts, or a station with a token). */
    private readonly knowsStation: (code: string) => boolean = () => true,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Queue a step; it resolves once its batch is stored (and its changes sent). */
  private enqueue<R>(step: (b: Batch) => Promise<R>, opId?: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ step, resolve: resolve as (v: unknown) => void, reject, opId });
      void this.flusher.ask();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const jobs = this.queue.splice(0, MAX_BATCH);
      const b = new Batch();
      const results: { ok: boolean; value: unknown }[] = [];
      const opIds = jobs.flatMap((j) => (j.opId ? [j.opId] : []));
      try {
        if (opIds.length) b.known = await this.store.opResults(opIds);
      } catch (e) {
        jobs.forEach((j) => j.reject(e));
        continue;
      }
      for (const j of jobs) {
        try {
          results.push({ ok: true, value: await j.step(b) });
        } catch (e) {
          results.push({ ok: false, value: e });
        }
      }
      try {
        await this.store.write(b, this.clock());
      } catch (e) {
        // Nothing of the batch was stored: memory goes back to what is stored, nobody hears of it.
        for (const [id, h] of b.before) (h ? this.held.set(id, h) : this.held.delete(id));
        jobs.forEach((j) => j.reject(e));
        continue;
      }
      for (const send of b.sends) send();
      jobs.forEach((j, i) => (results[i]!.ok ? j.resolve(results[i]!.value) : j.reject(results[i]!.value)));
      this.forgetEnded();
    }
  }

  /** Told of every new version of a meeting once it is stored (the live links tell phones of their link). */
  onChange(listener: (m: Meeting) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A meeting as it now is: from memory while it is held (every meeting being held is), else from the store. */
  find(id: string): Promise<Meeting | undefined> {
    const h = this.held.get(id);
    return h ? Promise.resolve(h.meeting) : this.enqueue(() => this.meeting(id));
  }

  /** Resolves once every queued step is stored (the hub waits for it before closing its store). */
  async idle(): Promise<void> {
    await this.flusher.idle();
  }

  /** Meetings ended more than a day ago leave memory (stored whole when they ended; loaded again if asked for). */
  private forgetEnded(): void {
    const now = this.clock();
    if (now - this.lastForget < FORGET_EVERY_MS) return;
    this.lastForget = now;
    for (const [id, h] of this.held) if (h.meeting.endedAt !== null && now - h.meeting.endedAt > ENDED_KEPT_MS) this.held.delete(id);
  }

  /** The meeting as it now is (loaded from the store the first time). */
  private async meeting(id: string): Promise<Meeting | undefined> {
    const h = this.held.get(id);
    if (h) return h.meeting;
    const m = await this.store.load(id);
    if (m) this.held.set(id, { meeting: m, snapshotBytes: 0, patchBytes: Number.POSITIVE_INFINITY }); // stored whole at its next change
    return m;
  }

  /** Record a change in the batch: the next version, its patch (or the whole meeting), sent after storing. */
  private change(b: Batch, prev: Meeting | undefined, made: Meeting): Meeting {
    const h = this.held.get(made.id);
    if (!b.before.has(made.id)) b.before.set(made.id, h);
    const next: Meeting = { ...made, version: (prev?.version ?? 0) + 1 };
    const at = this.clock();
    let { snapshotBytes, patchBytes } = h ?? { snapshotBytes: 0, patchBytes: 0 };
    if (prev) {
      const push: MeetingPatchPush = { meetingId: next.id, version: next.version, patch: diffMeeting(prev, made) };
      const patch = JSON.stringify(push.patch);
      patchBytes += patch.length;
      b.changes.push({ meeting_id: next.id, version: next.version, at, patch });
      b.sends.push(() => this.audience(next).emit('meetingPatch', push));
    } else {
      b.sends.push(() => this.audience(next).emit('meeting', next));
    }
    if (!prev || next.endedAt !== null || patchBytes > Math.max(snapshotBytes, SNAPSHOT_MIN_BYTES)) {
      snapshotBytes = b.storeWhole(next);
      patchBytes = 0;
    }
    this.held.set(next.id, { meeting: next, snapshotBytes, patchBytes });
    b.sends.push(() =>
      this.changeListeners.forEach((l) => {
        // One listener's failure is logged; the others, and the batch's answers, still go out.
        try {
          l(next);
        } catch (e) {
          this.log(`meeting change listener: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    );
    return next;
  }

  private audience(m: Meeting) {
    return this.nsp.to([STAFF_ROOM, ...m.invitees.stations.map(stationRoom)]);
  }

  apply(raw: unknown, who: HubIdentity, address: string | null = null): Promise<MeetingAck> {
    const parsed = MeetingOp.safeParse(raw);
    if (!parsed.success) {
      const answer: MeetingAck = { ok: false, error: { code: 'badRequest', message: describeZodError(parsed.error), reason: 'invalidInput' } };
      return this.enqueue(async (b) => {
        b.audit.push(this.auditOf(who, address, 'meeting.invalid', null, answer));
        return answer;
      });
    }
    const op = parsed.data;
    const digest = digestOf(op);
    return this.enqueue(async (b): Promise<MeetingAck> => {
      // A repeat gets the first answer, marked as a duplicate when it was applied; the same id with another
      // payload is refused.
      const stored = b.known.get(op.id);
      const firstDigest = b.digests.get(op.id) ?? stored?.digest;
      if (firstDigest && firstDigest !== digest) {
        const refused: MeetingAck = { ok: false, error: { code: 'conflict', message: REUSED_ID_MESSAGE, reason: 'reusedId' } };
        b.audit.push(this.auditOf(who, address, `meeting.${op.op}`, digest, refused, op.meetingId));
        return refused;
      }
      const first = b.answered.get(op.id) ?? (stored ? (JSON.parse(stored.result) as MeetingAck) : undefined);
      // (Answers stored before operations answered with the meeting's version carry none: the version now.)
      if (first) return first.ok ? { ok: true, version: first.version ?? (await this.meeting(op.meetingId))?.version ?? 0, duplicate: true } : first;
      const now = this.clock();
      const current = await this.meeting(op.meetingId);
      const unknown = op.op === 'create' ? await this.unknownOnAgenda(op.agenda.map((a) => a.ticketNo)) : op.op === 'addItem' ? await this.unknownOnAgenda([op.item.ticketNo]) : [];
      const strangers = op.op === 'create' ? op.invitees.stations.flatMap((c, i) => (this.knowsStation(c) ? [] : [`invitees.stations.${i}: ${c}`])) : [];
      const strangerCodes = op.op === 'create' ? op.invitees.stations.filter((c) => !this.knowsStation(c)) : [];
      const outcome: MeetingOutcome = unknown.length
        ? { ok: false, code: 'notFound', message: `议程中的工单不存在 (no such ticket): ${unknown.slice(0, 5).join('、')}`, reason: 'agendaTicketsUnknown', params: { tickets: unknown.slice(0, 5).join(', ') } }
        : strangers.length
          ? { ok: false, code: 'badRequest', message: `受邀街道不存在 (not a sub-district of the district, nor a station the hub knows): ${strangers.slice(0, 5).join('; ')}`, reason: 'unknownStations', params: { stations: strangerCodes.slice(0, 5).join(', ') } }
          : applyMeetingOp(current, op, actorOf(who), now);
      let answer: MeetingAck;
      if (!outcome.ok) answer = { ok: false, error: { code: outcome.code, message: outcome.message, reason: outcome.reason, ...(outcome.params ? { params: outcome.params } : {}) } };
      else {
        let made = outcome.meeting;
        // A meeting created while its stations are already connected: they are present from the start.
        if (op.op === 'create') for (const code of this.connectedStations()) if (made.invitees.stations.includes(code)) made = markPresence(made, code, true, now);
        if (op.op === 'report') op.photos.forEach((dataUrl, i) => b.photos.push({ id: photoId(op.id, i), meeting_id: op.meetingId, data_url: dataUrl }));
        if (op.op === 'linkFrame') b.photos.push({ id: photoId(op.id, 0), meeting_id: op.meetingId, data_url: op.photo });
        const version = made !== current ? this.change(b, current, made).version : (current?.version ?? 0);
        answer = { ok: true, version, duplicate: false };
      }
      b.answered.set(op.id, answer);
      b.digests.set(op.id, digest);
      b.audit.push(this.auditOf(who, address, `meeting.${op.op}`, digest, answer, op.meetingId, 'ticketNo' in op ? op.ticketNo : op.op === 'addItem' ? op.item.ticketNo : null));
      b.ops.push({ id: op.id, at: now, meeting_id: op.meetingId, op: op.op, role: who.role, station_code: who.stationCode, result: JSON.stringify(answer), digest });
      return answer;
    }, op.id);
  }

  private auditOf(who: HubIdentity, address: string | null, kind: string, digest: string | null, answer: MeetingAck, meetingId?: string, ticketNo: string | null = null): AuditEntry {
    const result = answer.ok ? 'ok' : `${answer.error.code}: ${answer.error.message}`;
    return { at: this.clock(), tokenId: who.id, who: who.name, role: who.role, address, kind, ticketNo, digest, result: meetingId ? `${result} (meeting ${meetingId})` : result };
  }

  /** The agenda's ticket numbers the hub does not hold. */
  private async unknownOnAgenda(ticketNos: string[]): Promise<string[]> {
    const known = await this.store.existingTickets(ticketNos);
    return ticketNos.filter((n) => !known.has(n));
  }

  /**
   * Why a decision naming this meeting cannot be taken (no such meeting, ended, ticket not on its agenda), or
   * null. Checked before the ticket action is applied, so a refused decision changes nothing.
   */
  decisionRefusal(meetingId: string, ticketNo: string): Promise<{ code: 'notFound' | 'conflict' | 'badRequest'; message: string; reason: string; params?: Record<string, string> } | null> {
    return this.enqueue(async () => {
      const m = await this.meeting(meetingId);
      if (!m) return { code: 'notFound', message: `会商 ${meetingId} 不存在 (no such meeting)`, reason: 'meetingNotFound' } as const;
      if (m.endedAt !== null) return { code: 'conflict', message: '会商已结束 (the meeting has ended)', reason: 'meetingEnded' } as const;
      if (!m.agenda.some((a) => a.ticketNo === ticketNo)) return { code: 'badRequest', message: `工单 ${ticketNo} 不在议程中 (not on the agenda)`, reason: 'notOnAgenda', params: { ticketNo } } as const;
      return null;
    });
  }

  /** A decision on a ticket, taken in a meeting (after the ticket action was applied). */
  recordDecision(meetingId: string, decision: MeetingDecision, onlyIfMissing = false): Promise<void> {
    return this.enqueue(async (b) => {
      const m = await this.meeting(meetingId);
      if (!m || (onlyIfMissing && m.decisions.some((d) => d.ticketNo === decision.ticketNo))) return;
      this.change(b, m, recordDecision(m, decision));
    });
  }

  /** The whole meeting, for a participant that missed a version. */
  get(raw: unknown, who: HubIdentity): Promise<MeetingGetAnswer> {
    const req = MeetingGetRequest.safeParse(raw);
    if (!req.success) return Promise.resolve({ ok: false, error: { code: 'badRequest', message: describeZodError(req.error), reason: 'invalidInput' } });
    return this.enqueue(async (): Promise<MeetingGetAnswer> => {
      const m = await this.meeting(req.data.meetingId);
      return m && canSee(m, who) ? { ok: true, meeting: m } : { ok: false, error: { code: 'notFound', message: '没有这次会商 (no such meeting)', reason: 'meetingNotFound' } };
    });
  }

  async photo(raw: unknown, who: HubIdentity): Promise<MeetingPhotoAnswer> {
    const req = MeetingPhotoRequest.safeParse(raw);
    if (!req.success) return { ok: false, error: { code: 'badRequest', message: describeZodError(req.error), reason: 'invalidInput' } };
    const meeting = await this.enqueue(() => this.meeting(req.data.meetingId));
    if (!meeting || !canSee(meeting, who)) return { ok: false, error: { code: 'notFound', message: '没有这次会商 (no such meeting)', reason: 'meetingNotFound' } };
    const dataUrl = await this.store.photo(req.data.meetingId, req.data.photoId);
    return dataUrl ? { ok: true, dataUrl } : { ok: false, error: { code: 'notFound', message: '没有这张照片 (no such photo)', reason: 'photoNotFound' } };
  }

  private connectedStations(except?: Socket): Set<string> {
    const codes = new Set<string>();
    for (const s of this.nsp.sockets.values()) {
      const who = this.whoOf(s);
      if (s !== except && who.role === 'station' && who.stationCode) codes.add(who.stationCode);
    }
    return codes;
  }

  /**
   * A participant connected: a station is now present in its open meetings; once that is stored, the socket
   * joins its room and gets every meeting it may see, whole (later changes reach it as patches).
   */
  connected(socket: Socket): Promise<void> {
    const who = this.whoOf(socket);
    return this.enqueue(async (b) => {
      const visible: Meeting[] = [];
      for (const id of await this.store.recentIds(this.clock())) {
        let m = await this.meeting(id);
        if (!m || !canSee(m, who)) continue;
        if (who.role === 'station' && who.stationCode) m = this.presence(b, m, who.stationCode, true);
        visible.push(m);
      }
      b.sends.push(() => {
        if (!socket.connected) return;
        void socket.join(roomOf(who));
        for (const m of visible) socket.emit('meeting', this.held.get(m.id)?.meeting ?? m);
      });
    });
  }

  /** A participant left: a station with no other connection is absent. */
  disconnected(socket: Socket): Promise<void> {
    const who = this.whoOf(socket);
    const code = who.stationCode;
    if (who.role !== 'station' || !code) return Promise.resolve();
    return this.enqueue(async (b) => {
      if (this.connectedStations(socket).has(code)) return;
      for (const id of await this.store.recentIds(this.clock())) {
        const m = await this.meeting(id);
        if (m && canSee(m, who)) this.presence(b, m, code, false);
      }
    });
  }

  private presence(b: Batch, m: Meeting, code: string, present: boolean): Meeting {
    const a = m.endedAt === null ? m.attendance.find((x) => x.stationCode === code) : undefined;
    if (!a || a.present === present) return m;
    return this.change(b, m, markPresence(m, code, present, this.clock()));
  }
}
