/**
 * The hub's socket.io side: pushes every change to the clients allowed to see it (with prevSeq, so they
 * can tell a gap), and takes actions with acknowledgement, each applied at most once per id.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { describeZodError } from '../shared/rpc/errors';
import { HubAction, HubHandshake, HUB_SOCKET_NAMESPACE, type ActionAck, type ChangePush, type HubTokenEntry } from '../shared/hub-protocol';
import type { TicketRecord } from '../shared/domain/ticket';
import { applyAction, type Actor } from './actions';
import { HubMeetings } from './meetings';
import { MeetingStore } from './store/meeting-store';
import type { TokenBook } from './auth';
import type { HubStore, StoredChange } from './store/hub-store';

type SocketData = { who: HubTokenEntry; lastSent: number };

export type Realtime = {
  readonly meetings: HubMeetings;
  push(changes: readonly StoredChange[]): void;
  /** Apply an action as `who` (used by sockets, and in-process by the demo's simulated stations). */
  act(raw: unknown, who: HubTokenEntry): Promise<ActionAck>;
  readonly clientCount: number;
  close(): Promise<void>;
};

export function attachRealtime(http: HttpServer, deps: { store: HubStore; tokens: TokenBook; clock: () => number }): Realtime {
  const io = new Server(http, { serveClient: false, cors: { origin: false }, maxHttpBufferSize: 1e6 });
  const nsp = io.of(HUB_SOCKET_NAMESPACE);
  const meetings = new HubMeetings(nsp, new MeetingStore(deps.store.db), deps.clock, (s) => (s.data as SocketData).who);

  nsp.use((socket, next) => {
    const hs = HubHandshake.safeParse(socket.handshake.auth);
    const who = hs.success ? deps.tokens.lookup(hs.data.token) : undefined;
    if (!who) return next(new Error(hs.success ? 'unauthorized: unknown token' : 'unauthorized: missing token'));
    (socket.data as SocketData) = { who, lastSent: deps.store.head };
    next();
  });

  const push = (changes: readonly StoredChange[]) => {
    for (const c of changes) {
      const rec = JSON.parse(c.body) as TicketRecord;
      for (const socket of nsp.sockets.values()) {
        const data = socket.data as SocketData;
        if (data.who.role === 'station' && rec.ticket.subDistrictCode !== data.who.stationCode) continue;
        if (c.seq <= data.lastSent) continue;
        const msg: ChangePush = { seq: c.seq, prevSeq: data.lastSent, changedAt: c.changedAt, ticket: rec.ticket, timeline: rec.timeline };
        data.lastSent = c.seq;
        socket.emit('change', msg);
      }
    }
  };

  const act = async (raw: unknown, who: HubTokenEntry): Promise<ActionAck> => {
    const parsed = HubAction.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'badRequest', message: describeZodError(parsed.error) } };
    const action = parsed.data;
    const actor: Actor = { role: who.role, stationCode: who.stationCode, name: who.name };
    const now = deps.clock();
    const { answer, change, duplicate } = await deps.store.applyOnce(
      { id: action.id, ticketNo: action.ticketNo, kind: action.kind, role: who.role, stationCode: who.stationCode },
      now,
      (body) => {
        const outcome = applyAction(body ? (JSON.parse(body) as TicketRecord) : undefined, action, actor, now);
        if (!outcome.ok) return { answer: (): ActionAck => ({ ok: false, error: { code: outcome.code, message: outcome.message } }) };
        return { store: { record: outcome.record, body: JSON.stringify(outcome.record) }, answer: (seq): ActionAck => ({ ok: true, seq, duplicate: false }) };
      },
    );
    if (change) push([change]);
    if (change && action.kind === 'decide' && action.meetingId) {
      const { ticketNo, leadDepartment, coDepartments, deadlineAt, supervisor, responsibility, notes } = action;
      await meetings.recordDecision(action.meetingId, { ticketNo, at: now, leadDepartment, coDepartments, deadlineAt, supervisor, responsibility, notes });
    }
    // A repeat gets the original answer (marked as a duplicate when it was applied).
    return answer.ok ? { ...answer, duplicate } : answer;
  };

  nsp.on('connection', (socket: Socket) => {
    const who = (socket.data as SocketData).who;
    /** Each request with acknowledgement: answered with the handler's result, or an internal error. */
    const answer = (event: string, handle: (raw: unknown) => Promise<unknown>) =>
      socket.on(event, async (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        try {
          ack(await handle(raw));
        } catch (e) {
          ack({ ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } } satisfies ActionAck);
        }
      });
    answer('action', (raw) => act(raw, who));
    answer('meeting', (raw) => meetings.apply(raw, who));
    answer('meetingPhoto', (raw) => meetings.photo(raw, who));
    answer('meetingGet', (raw) => meetings.get(raw, who));
    socket.on('disconnect', () => void meetings.disconnected(socket).catch(() => undefined));
    void meetings.connected(socket).catch(() => undefined);
  });

  return {
    meetings,
    push,
    act,
    get clientCount() {
      return nsp.sockets.size;
    },
    async close() {
      nsp.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
