/**
 * The hub's socket.io side: pushes every change to the clients allowed to see it (with prevSeq, so they
 * can tell a gap), and takes actions with acknowledgement, each applied at most once per id.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server, type Socket } from 'socket.io';
import { describeZodError } from '../shared/rpc/errors';
import { HubAction, HubHandshake, HUB_MAX_FRAME_BYTES, HUB_SOCKET_NAMESPACE, type ActionAck, type ChangePush, type HubIdentity } from '../shared/hub-protocol';
import { serveSocketContract, type HubHandlers } from './socket-contract';
import { hubContract } from '../shared/hub-contract';
import { TicketRecord } from '../shared/domain/ticket';
import { digestOf, REUSED_ID_MESSAGE } from './request-digest';
import { applyAction, type Actor } from './actions';
import { HubMeetings } from './meetings';
import { attachLiveLinks } from './live-links/live-links';
import type { TurnConfig } from './live-links/ice-servers';
import { MeetingStore } from './store/meeting-store';
import { hubRegisters } from './registers/registers';
import type { TokenBook } from './auth';
import { RATE_LIMITED, type Gate } from './gate';
import { queryAudit, type AuditEntry, type AuditQueue } from './audit-log';
import type { HubStore, StoredChange } from './store/hub-store';

type SocketData = { who: HubIdentity; address: string; lastSent: number };

export type Realtime = {
  readonly meetings: HubMeetings;
  push(changes: readonly StoredChange[]): void;
  /** Apply an action as `who` (used by sockets, and in-process by the demo's simulated stations). */
  act(raw: unknown, who: HubIdentity, address?: string | null): Promise<ActionAck>;
  readonly clientCount: number;
  close(): Promise<void>;
};

/** engine.io heartbeat: a silent link (no pong within the timeout) is closed after at most interval + timeout,
 * and the client, which expects a ping within the same time, notices it too and reconnects. */
export const HUB_PING_INTERVAL_MS = 4000;
export const HUB_PING_TIMEOUT_MS = 4000;

export function attachRealtime(
  http: HttpServer | HttpsServer,
  deps: { store: HubStore; tokens: TokenBook; gate: Gate; audit: AuditQueue; clock: () => number; log: (line: string) => void; turn?: TurnConfig; siteUrl?: string },
): Realtime {
  const { log } = deps;
  const io = new Server(http, {
    serveClient: false,
    cors: { origin: false },
    maxHttpBufferSize: HUB_MAX_FRAME_BYTES,
    pingInterval: HUB_PING_INTERVAL_MS,
    pingTimeout: HUB_PING_TIMEOUT_MS,
    connectTimeout: 10_000,
  });
  const nsp = io.of(HUB_SOCKET_NAMESPACE);
  const meetings = new HubMeetings(nsp, new MeetingStore(deps.store.db), deps.clock, (s) => (s.data as SocketData).who, (code) => deps.tokens.knowsStation(code), log);
  const registers = hubRegisters({ store: deps.store, nsp, whoOf: (d) => (d as SocketData).who, clock: deps.clock, auditOf: (...a) => auditOf(...a), audit: deps.audit });
  const links = attachLiveLinks({ io, nsp, meetings, store: deps.store, gate: deps.gate, audit: deps.audit, clock: deps.clock, log, turn: deps.turn, siteUrl: deps.siteUrl });

  nsp.use((socket, next) => {
    const hs = HubHandshake.safeParse(socket.handshake.auth);
    const address = socket.handshake.address;
    const admission = deps.gate.admit(hs.success ? hs.data.token : undefined, address, socket.request, 'socket');
    if (!admission.ok) return next(new Error(`${admission.code}: ${admission.message}`));
    const { who } = admission;
    if (who.role === 'ingest') return next(new Error('unauthorized: an ingest token feeds tickets over HTTP only (POST /api/v1/tickets)'));
    if (!deps.gate.connect(who)) return next(new Error('unavailable: this token holds too many connections already'));
    socket.once('disconnect', () => deps.gate.disconnect(who));
    (socket.data as SocketData) = { who, address, lastSent: deps.store.head };
    next();
  });

  // A token revoked (or expired) closes its live links within the book's poll (about a second).
  const offGone = deps.tokens.onGone((ids) => {
    for (const socket of nsp.sockets.values()) {
      const { who } = socket.data as SocketData;
      if (ids.has(who.id)) {
        log(`token ${who.id} (${who.name}) is no longer valid: its link is closed`);
        socket.disconnect(true);
      }
    }
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

  const auditOf = (who: HubIdentity, address: string | null, kind: string, ticketNo: string | null, digest: string | null, answer: { ok: boolean; error?: { code: string; message: string } }): AuditEntry => ({
    at: deps.clock(),
    tokenId: who.id,
    who: who.name,
    role: who.role,
    address,
    kind,
    ticketNo,
    digest,
    result: answer.ok ? 'ok' : `${answer.error!.code}: ${answer.error!.message}`,
  });

  const act = async (raw: unknown, who: HubIdentity, address: string | null = null): Promise<ActionAck> => {
    const parsed = HubAction.safeParse(raw);
    if (!parsed.success) {
      const answer: ActionAck = { ok: false, error: { code: 'badRequest', message: describeZodError(parsed.error), reason: 'invalidInput' } };
      deps.audit.add(auditOf(who, address, 'action.invalid', null, null, answer));
      return answer;
    }
    if (parsed.data.kind === 'consoleChange') return recordConsoleChange(parsed.data, who, address);
    if (parsed.data.kind === 'register') {
      const { answer, change } = await registers.act(parsed.data, who, address);
      if (change) push([change]);
      return answer;
    }
    const action = parsed.data;
    const actor: Actor = { role: who.role, stationCode: who.stationCode, name: who.name };
    const now = deps.clock();
    // A decision names a meeting that exists, is being held, and has the ticket on its agenda (a repeat of an
    // applied decision is answered from the log, whatever the meeting has become since).
    const digest = digestOf(action);
    if (action.kind === 'decide' && action.meetingId && !(await deps.store.findAction(action.id))) {
      const refusal = await meetings.decisionRefusal(action.meetingId, action.ticketNo);
      if (refusal) {
        const answer: ActionAck = { ok: false, error: refusal };
        deps.audit.add(auditOf(who, address, 'action.decide', action.ticketNo, digest, answer));
        return answer;
      }
    }
    const done = await deps.store.applyOnce(
      { id: action.id, ticketNo: action.ticketNo, kind: action.kind, role: who.role, stationCode: who.stationCode, digest },
      now,
      (body) => {
        const outcome = applyAction(body ? (JSON.parse(body) as TicketRecord) : undefined, action, actor, now);
        if (!outcome.ok) return { answer: (): ActionAck => ({ ok: false, error: { code: outcome.code, message: outcome.message, reason: outcome.reason, ...(outcome.params ? { params: outcome.params } : {}) } }) };
        // The result must be a record every console takes (e.g. a timeline at its limit takes no more steps):
        // refused here, it would otherwise be quarantined on every console from then on.
        const checked = TicketRecord.safeParse(outcome.record);
        if (!checked.success) {
          const message = `操作后工单记录无效，未执行 (the ticket would no longer be valid): ${describeZodError(checked.error)}`;
          return { answer: (): ActionAck => ({ ok: false, error: { code: 'conflict', message, reason: 'recordWouldBeInvalid' } }) };
        }
        return { store: { record: checked.data, body: JSON.stringify(checked.data) }, answer: (seq): ActionAck => ({ ok: true, seq, duplicate: false }) };
      },
      (answer) => auditOf(who, address, `action.${action.kind}`, action.ticketNo, digest, answer),
    );
    if ('reused' in done) {
      const answer: ActionAck = { ok: false, error: { code: 'conflict', message: REUSED_ID_MESSAGE, reason: 'reusedId' } };
      deps.audit.add(auditOf(who, address, `action.${action.kind}`, action.ticketNo, digest, answer));
      return answer;
    }
    const { answer, change, duplicate } = done;
    if (change) push([change]);
    // The meeting records the decision after the ticket's transaction; a repeat of the action (a client that
    // did not hear the answer, say because the hub stopped in between) records it if the meeting still lacks it.
    if (answer.ok && (change || duplicate) && action.kind === 'decide' && action.meetingId) {
      const { ticketNo, leadDepartment, coDepartments, deadlineAt, supervisor, responsibility, notes } = action;
      await meetings.recordDecision(action.meetingId, { ticketNo, at: now, leadDepartment, coDepartments, deadlineAt, supervisor, responsibility, notes }, duplicate);
    }
    // A repeat gets the original answer (marked as a duplicate when it was applied).
    return answer.ok ? { ...answer, duplicate } : answer;
  };

  /** A console's own change (settings, rules, map pack): into the audit trail, once per id. */
  const recordConsoleChange = async (change: Extract<HubAction, { kind: 'consoleChange' }>, who: HubIdentity, address: string | null): Promise<ActionAck> => {
    const digest = digestOf(change);
    const done = await deps.store.applyOnce(
      { id: change.id, ticketNo: '', kind: change.kind, role: who.role, stationCode: who.stationCode, digest },
      deps.clock(),
      () =>
        who.role === 'chair' || who.role === 'station'
          ? { answer: (seq): ActionAck => ({ ok: true, seq, duplicate: false }) }
          : { answer: (): ActionAck => ({ ok: false, error: { code: 'unauthorized', message: `a ${who.role} token cannot record console changes`, reason: 'roleCannotAct', params: { role: who.role } } }) },
      (answer) => ({ ...auditOf(who, address, `console.${change.what}`, null, change.digest, answer), result: answer.ok ? change.summary : auditOf(who, address, '', null, null, answer).result }),
    );
    if ('reused' in done) return { ok: false, error: { code: 'conflict', message: REUSED_ID_MESSAGE, reason: 'reusedId' } };
    return done.answer.ok ? { ...done.answer, duplicate: done.duplicate } : done.answer;
  };

  type Caller = { who: HubIdentity; address: string };
  const handlers: HubHandlers<Caller> = {
    action: (input, c) => act(input, c.who, c.address),
    meeting: (input, c) => meetings.apply(input, c.who, c.address),
    meetingPhoto: (input, c) => meetings.photo(input, c.who),
    meetingGet: (input, c) => meetings.get(input, c.who),
    auditQuery: async (q, c) => {
      if (c.who.role !== 'chair') return { ok: false, error: { code: 'unauthorized', message: '审计日志仅区指挥中心可查 (the audit trail is the chair\'s)', reason: 'chairOnly' } };
      return { ok: true, page: await queryAudit(deps.store.db, q) };
    },
    linkSignal: (input, c) => links.signal(input, c.who),
    linkIce: (_input, c) => links.ice(c.who),
    siteKey: (input, c) => links.siteKey(input, c.who, c.address),
    registersSince: (input, c) => registers.since(input, c.who),
    registerPhoto: (input, c) => registers.photo(input, c.who),
  };

  nsp.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    const who = data.who;
    serveSocketContract(socket, hubContract, { who, address: data.address } as Caller, handlers, {
      // A token that expired (or was revoked) since the handshake acts no more, even before its link is closed.
      admit: (c) => (deps.tokens.valid(c.who) ? null : { code: 'unauthorized', message: 'unauthorized: this token has expired or was revoked', reason: 'tokenRefused' }),
      take: (c) => (deps.gate.take(c.who) ? null : { code: 'unavailable', message: RATE_LIMITED, reason: 'rateLimited' }),
      log,
      name: (c) => c.who.name || c.who.role,
      invalid: (method, c, error) => deps.audit.add(auditOf(c.who, c.address, `${method}.invalid`, null, null, { ok: false, error })),
    });
    socket.on('error', (e) => log(`socket of ${who.name || who.role}: ${e.message}`));
    links.joined(socket, who);
    socket.on('disconnect', () => void meetings.disconnected(socket).catch((e: unknown) => log(`presence: ${String(e)}`)));
    void meetings.connected(socket).catch((e: unknown) => log(`presence: ${String(e)}`));
  });

  return {
    meetings,
    push,
    act,
    get clientCount() {
      return nsp.sockets.size;
    },
    async close() {
      offGone();
      links.close();
      nsp.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Presence changes of the sockets just closed are stored before the store closes.
      await meetings.idle();
    },
  };
}
