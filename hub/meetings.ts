/**
 * The hub's meetings over socket.io: operations with acknowledgement (each applied once per id), presence
 * from connected station sockets, photos on request, and the meeting's snapshot pushed to every participant
 * allowed to see it whenever it changes and on connecting. Changes to meetings are serialised here, so a
 * presence update and an operation never overwrite each other.
 */
import type { Namespace, Socket } from 'socket.io';
import { describeZodError } from '../shared/rpc/errors';
import { MeetingOp, MeetingPhotoRequest, type Meeting, type MeetingAck, type MeetingDecision, type MeetingPhotoAnswer } from '../shared/hub-meeting';
import type { HubTokenEntry } from '../shared/hub-protocol';
import type { Actor } from './actions';
import { applyMeetingOp, canSee, markPresence, photoId, recordDecision } from './meeting-rules';
import type { MeetingStore } from './store/meeting-store';

const actorOf = (who: HubTokenEntry): Actor => ({ role: who.role, stationCode: who.stationCode, name: who.name });

export class HubMeetings {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly nsp: Namespace,
    private readonly store: MeetingStore,
    private readonly clock: () => number,
    private readonly whoOf: (socket: Socket) => HubTokenEntry,
  ) {}

  /** One change at a time. */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f, f);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private push(meeting: Meeting): void {
    for (const socket of this.nsp.sockets.values()) if (canSee(meeting, this.whoOf(socket))) socket.emit('meeting', meeting);
  }

  async apply(raw: unknown, who: HubTokenEntry): Promise<MeetingAck> {
    const parsed = MeetingOp.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'badRequest', message: describeZodError(parsed.error) } };
    const op = parsed.data;
    const { answer, meeting, duplicate } = await this.serial(() =>
      this.store.applyOnce<MeetingAck>({ id: op.id, meetingId: op.meetingId, op: op.op, role: who.role, stationCode: who.stationCode }, this.clock(), (current) => {
        const outcome = applyMeetingOp(current, op, actorOf(who), this.clock());
        if (!outcome.ok) return { answer: { ok: false, error: { code: outcome.code, message: outcome.message } } satisfies MeetingAck };
        let next = outcome.meeting;
        // A meeting created while its stations are already connected: they are present from the start.
        if (op.op === 'create') for (const code of this.connectedStations()) if (next.invitees.stations.includes(code)) next = markPresence(next, code, true, this.clock());
        const photos = op.op === 'report' ? op.photos.map((dataUrl, i) => ({ id: photoId(op.id, i), dataUrl })) : undefined;
        return { store: next, photos, answer: { ok: true, seq: 0, duplicate: false } satisfies MeetingAck };
      }),
    );
    if (meeting) this.push(meeting);
    // A repeat gets the first answer, marked as a duplicate when it was applied.
    return answer.ok ? { ...answer, duplicate } : answer;
  }

  /** A decision on a ticket, taken in a meeting (after the ticket action was applied). */
  async recordDecision(meetingId: string, decision: MeetingDecision): Promise<void> {
    const meeting = await this.serial(async () => {
      const m = await this.store.get(meetingId);
      if (!m) return undefined;
      const next = recordDecision(m, decision);
      await this.store.save(next, this.clock());
      return next;
    });
    if (meeting) this.push(meeting);
  }

  async photo(raw: unknown, who: HubTokenEntry): Promise<MeetingPhotoAnswer> {
    const req = MeetingPhotoRequest.safeParse(raw);
    if (!req.success) return { ok: false, error: { code: 'badRequest', message: describeZodError(req.error) } };
    const meeting = await this.store.get(req.data.meetingId);
    if (!meeting || !canSee(meeting, who)) return { ok: false, error: { code: 'notFound', message: '没有这次会商 (no such meeting)' } };
    const dataUrl = await this.store.photo(req.data.meetingId, req.data.photoId);
    return dataUrl ? { ok: true, dataUrl } : { ok: false, error: { code: 'notFound', message: '没有这张照片 (no such photo)' } };
  }

  private connectedStations(): Set<string> {
    const codes = new Set<string>();
    for (const s of this.nsp.sockets.values()) {
      const who = this.whoOf(s);
      if (who.role === 'station' && who.stationCode) codes.add(who.stationCode);
    }
    return codes;
  }

  /** A participant connected: send what it may see; a station is now present in its open meetings. */
  async connected(socket: Socket): Promise<void> {
    const who = this.whoOf(socket);
    const updated = await this.serial(() => this.presence(who, true));
    for (const m of updated) this.push(m);
    for (const m of await this.store.recent(this.clock())) if (canSee(m, who) && !updated.some((u) => u.id === m.id) && socket.connected) socket.emit('meeting', m);
  }

  /** A participant left: a station with no other connection is absent. */
  async disconnected(socket: Socket): Promise<void> {
    const who = this.whoOf(socket);
    if (who.role !== 'station' || !who.stationCode || this.connectedStations().has(who.stationCode)) return;
    for (const m of await this.serial(() => this.presence(who, false))) this.push(m);
  }

  private async presence(who: HubTokenEntry, present: boolean): Promise<Meeting[]> {
    if (who.role !== 'station' || !who.stationCode) return [];
    const out: Meeting[] = [];
    for (const m of await this.store.recent(this.clock())) {
      const a = m.endedAt === null ? m.attendance.find((x) => x.stationCode === who.stationCode) : undefined;
      if (!a || a.present === present) continue;
      const next = markPresence(m, who.stationCode, present, this.clock());
      await this.store.save(next, this.clock());
      out.push(next);
    }
    return out;
  }
}
