/**
 * The hub protocol: what consoles and stations exchange with a hub (HTTP + socket.io).
 * One declaration for both ends; docs/hub-protocol.md describes it for other clients.
 *
 * Records are canonical: the JSON of a zod-parsed record has its keys in schema order, so equal records
 * have equal JSON, and "an identical repeat records no change" is a string comparison.
 */
import { ErrorCode, ErrorParams, ErrorReason } from './rpc/errors';
import { z } from 'zod';
import { DIVISIONS } from './domain/divisions';
import { TICKET_STATUSES } from './domain/status';
import { Satisfaction, TicketNo, TicketRecord, WhistleLevel } from './domain/ticket';
import { RegisterChange, RegisterOp } from './supervision';

export const HUB_API = '/api/v1';
export const HUB_SOCKET_NAMESPACE = '/v1';

/** Roles a hub token can carry: the command centre's console (chair), a sub-district's station, a read-only
 * wall (viewer), and the feed from the city platforms (ingest: adds tickets and steps, never rewrites one). */
export const HubRole = z.enum(['chair', 'station', 'viewer', 'ingest']);
export type HubRole = z.infer<typeof HubRole>;

export const HubTokenEntry = z.object({
  token: z.string().min(16).max(200),
  role: HubRole,
  /** Station tokens are bound to one sub-district. */
  stationCode: z.string().regex(/^\d{9}$/).nullable(),
  name: z.string().max(100),
  /** Epoch ms after which the token is refused (null or absent: no expiry). */
  expiresAt: z.number().int().positive().nullable().optional(),
});
export type HubTokenEntry = z.infer<typeof HubTokenEntry>;

/** Who a token stands for, as the hub knows it (never the token itself). */
export type HubIdentity = { id: string; role: HubRole; stationCode: string | null; name: string; expiresAt: number | null };

/**
 * Largest socket.io message the hub takes (engine.io's maxHttpBufferSize). Every valid message fits: the
 * largest is a site report with 4 photos of 300 kB (≈ 1.61 MB as base64 JSON). A larger frame cannot be
 * answered — socket.io closes that connection — so clients check sizes before sending.
 */
export const HUB_MAX_FRAME_BYTES = 2_000_000;
/** Largest HTTP body the hub reads (an ingest batch of 10,000 records). */
export const HUB_MAX_BODY_BYTES = 64 * 1024 * 1024;

const subDistricts = new Map(DIVISIONS.subDistricts.map((s) => [s.code, new Set(s.communities.map((c) => c.code))]));

/**
 * A record as the hub takes it in: a ticket record whose sub-district is one of this district's (and whose
 * community, if any, lies in it). Consoles accept any code (their store keeps what the hub sent); the hub is
 * where a wrong code is refused, with the field named.
 */
export const IngestRecord = TicketRecord.superRefine((r, ctx) => {
  const unplaced = r.ticket.placement === 'none';
  if (unplaced !== (r.ticket.lng === null) || unplaced !== (r.ticket.lat === null)) {
    ctx.addIssue({ code: 'custom', path: ['ticket', 'placement'], message: unplaced ? 'an unplaced ticket (placement none) has no lng/lat' : 'lng and lat are required unless placement is none' });
  }
  const communities = subDistricts.get(r.ticket.subDistrictCode);
  if (!communities) {
    ctx.addIssue({ code: 'custom', path: ['ticket', 'subDistrictCode'], message: `not a sub-district of ${DIVISIONS.district.name} (see docs/hub-protocol.md)` });
  } else if (r.ticket.communityCode !== null && !communities.has(r.ticket.communityCode)) {
    ctx.addIssue({ code: 'custom', path: ['ticket', 'communityCode'], message: `not a community of ${r.ticket.subDistrictCode}` });
  }
});

/** POST /api/v1/tickets — one record or many. */
export const IngestRequest = z.union([TicketRecord, z.object({ records: z.array(z.unknown()).min(1).max(10_000) })]);
export const IngestResult = z.object({
  accepted: z.number().int().nonnegative(),
  /** Records that changed something (one new change each). */
  changed: z.number().int().nonnegative(),
  /** Identical repeats: no change recorded. */
  unchanged: z.number().int().nonnegative(),
  rejected: z.array(z.object({ index: z.number().int(), ticketNo: z.string().nullable(), error: z.string() })),
  lastSeq: z.number().int().nonnegative(),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** One change in the feed: a ticket as it now is, at a strictly increasing sequence number. */
export const Change = z.object({
  seq: z.number().int().positive(),
  changedAt: z.number().int().nonnegative(),
  ticket: TicketRecord.shape.ticket,
  timeline: TicketRecord.shape.timeline,
});
export type Change = z.infer<typeof Change>;

/** GET /api/v1/changes?after=SEQ&limit=N — the page envelope (its changes are validated one by one). */
export const ChangesPage = z.object({
  changes: z.array(z.unknown()),
  /** The seq to ask `after` next time (the last change's seq, or `after` when empty). */
  lastSeq: z.number().int().nonnegative(),
  /** The hub's newest seq when the page was cut (for progress). */
  headSeq: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;
export const CHANGES_DEFAULT_LIMIT = 1000;
export const CHANGES_MAX_LIMIT = 10_000;

/**
 * socket.io event 'change' (hub → client): every change the client may see, in order.
 * prevSeq is the seq of the previous change sent on this connection — for the first push, the hub's
 * head when the client connected. Every change the client may see in (prevSeq, seq) was sent on this
 * connection, so a client whose cursor is at least prevSeq can apply it; otherwise it pulls first.
 */
export const ChangePush = Change.extend({ prevSeq: z.number().int().nonnegative() });
export type ChangePush = z.infer<typeof ChangePush>;

/**
 * socket.io event 'refused' (hub → client): the answer to a message that came without an acknowledgement
 * callback, or under an event name the hub does not know — every message gets an answer.
 */
/** The one error the hub answers with: a `code` (the console's error codes), `message` for logs, and optionally
 * `reason` and `params`, which the console's catalogue turns into text in its user's language (err.<reason>). */
export const HubError = z.object({
  // A code this side does not know (a hub or console of another version) is taken as `unavailable`: try again later.
  code: ErrorCode.catch('unavailable'),
  message: z.string().max(4000),
  reason: ErrorReason.optional(),
  params: ErrorParams.optional(),
});
export type HubError = z.infer<typeof HubError>;
export const HubRefusal = z.object({ event: z.string().max(100), error: HubError });
export type HubRefusal = z.infer<typeof HubRefusal>;

/** The audit trail's kinds, by family (a filter names a family or a whole kind). */
export const AUDIT_FAMILIES = ['ingest', 'action', 'meeting', 'token', 'login', 'console'] as const;

/** socket.io event 'auditQuery' (chair only, with ack): entries newest first, filtered, a page at a time
 * (keyset: `beforeSeq` is the last page's smallest seq). */
export const AuditQuery = z.object({
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  /** A token's name or id, as typed (matched as a prefix of the name, or the whole id). */
  who: z.string().trim().max(100).optional(),
  /** A family (ingest, action, …) or a whole kind (action.comment). */
  kind: z.string().trim().max(60).optional(),
  ticketNo: z.string().trim().max(64).optional(),
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.input<typeof AuditQuery>;
export const AuditRow = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  tokenId: z.string().nullable(),
  who: z.string(),
  role: z.string().nullable(),
  address: z.string().nullable(),
  kind: z.string(),
  ticketNo: z.string().nullable(),
  digest: z.string().nullable(),
  result: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;
export const AuditPage = z.object({ entries: z.array(AuditRow), hasMore: z.boolean() });
export type AuditPage = z.infer<typeof AuditPage>;
export const AuditAnswer = z.union([z.object({ ok: z.literal(true), page: AuditPage }), z.object({ ok: z.literal(false), error: HubError })]);

/** socket.io handshake auth. */
export const HubHandshake = z.object({ token: z.string().max(200) });

/** Statuses a station may set on its own tickets; the chair may set any the status machine allows. */
export const STATION_STATUSES = ['accepted', 'onSite', 'resolved', 'returned'] as const;

const acknowledgeBody = z.object({ kind: z.literal('acknowledge'), ticketNo: TicketNo, note: z.string().max(2000).default('') });
const commentBody = z.object({ kind: z.literal('comment'), ticketNo: TicketNo, note: z.string().trim().min(1).max(2000) });
const statusBody = z.object({
  kind: z.literal('status'),
  ticketNo: TicketNo,
  to: z.enum(TICKET_STATUSES),
  reason: z.string().max(2000).optional(),
  satisfaction: Satisfaction.optional(),
  /** With 'dispatched': the unit it goes to. */
  unit: z.string().max(100).optional(),
});
/** 升哨: a manual escalation (or, by the chair, a lowering) of the whistle level, with its reason. */
const escalateBody = z.object({ kind: z.literal('escalate'), ticketNo: TicketNo, to: WhistleLevel, reason: z.string().trim().min(1, '升哨必须说明理由 (a reason is required)').max(2000) });
/** 责任规则: 首接负责 (the first unit to receive it), 指定负责 (assigned), 兜底负责 (the fallback unit). */
export const RESPONSIBILITY_RULES = ['firstContact', 'assigned', 'fallback'] as const;
const unitName = z.string().trim().min(1).max(100);
/** A dispatch meeting's decision on a ticket (chair only): lead and co-departments, deadline, supervision. */
export const DecideBody = z.object({
  kind: z.literal('decide'),
  ticketNo: TicketNo,
  /** The meeting it was taken in, if any (the meeting records it too). */
  meetingId: z.uuid().optional(),
  leadDepartment: unitName,
  coDepartments: z.array(unitName).max(20).default([]),
  deadlineAt: z.number().int().positive(),
  /** The supervising deputy (人大代表) or work group (工作专班). */
  supervisor: z.string().trim().max(100).default(''),
  responsibility: z.enum(RESPONSIBILITY_RULES).default('assigned'),
  notes: z.string().max(2000).default(''),
});
/** What a console changed on its own (settings, routing rules, escalation rules, the map pack): not a ticket
 * action, but it reaches the hub's audit trail through the outbox like one, exactly once. */
export const CONSOLE_CHANGES = ['settings', 'routingRules', 'escalationRules', 'mapPack'] as const;
const consoleChangeBody = z.object({
  kind: z.literal('consoleChange'),
  what: z.enum(CONSOLE_CHANGES),
  /** One line for the audit view, e.g. "routing rule saved: 屋面漏雨 @ 任港街道 → 区住建局". */
  summary: z.string().trim().min(1).max(500),
  /** SHA-256 of the new content. */
  digest: z.string().max(100),
});
/** A change to the supervision registers (shared/supervision.ts): the roster, who supervises a ticket and their
 * steps, deputies' suggestions, letters, referrals, the emergency funds. */
const registerBody = z.object({ kind: z.literal('register'), op: RegisterOp });
/** The kinds of action, as the outbox lists them. */
export const ACTION_KINDS = ['acknowledge', 'comment', 'status', 'escalate', 'decide', 'consoleChange', 'register'] as const;
/** An action as a user submits it (the console adds the id). */
export const ActionRequest = z.discriminatedUnion('kind', [acknowledgeBody, commentBody, statusBody, escalateBody, DecideBody, consoleChangeBody, registerBody]);
export type ActionRequest = z.input<typeof ActionRequest>;

const id = { id: z.uuid() };
/** socket.io event 'action' (client → hub, with ack). Applied at most once per id: a repeat gets the first answer. */
export const HubAction = z.discriminatedUnion('kind', [acknowledgeBody.extend(id), commentBody.extend(id), statusBody.extend(id), escalateBody.extend(id), DecideBody.extend(id), consoleChangeBody.extend(id), registerBody.extend(id)]);
/** The ticket actions (all but consoleChange and register). */
export type TicketAction = Exclude<HubAction, { kind: 'consoleChange' | 'register' }>;
export type HubAction = z.infer<typeof HubAction>;
export type HubActionInput = z.input<typeof HubAction>;

/** Why an action was not applied. Permanent: the client must not retry; any other code is transient: retry later. */
export const PERMANENT_ACTION_ERRORS: readonly ErrorCode[] = ['badRequest', 'unauthorized', 'notFound', 'conflict'];

export const ActionAck = z.union([
  /** `seq`: the change the action made in the feed (a duplicate: the first one's). */
  z.object({ ok: z.literal(true), seq: z.number().int().nonnegative(), duplicate: z.boolean() }),
  z.object({ ok: z.literal(false), error: HubError }),
]);
export type ActionAck = z.infer<typeof ActionAck>;

/** The answer to 'registersSince' (shared/supervision.ts). */
export const RegistersSinceAnswer = z.union([
  z.object({ ok: z.literal(true), changes: z.array(RegisterChange).max(2000), lastSeq: z.number().int().nonnegative(), hasMore: z.boolean() }),
  z.object({ ok: z.literal(false), error: HubError }),
]);
export type RegistersSinceAnswer = z.infer<typeof RegistersSinceAnswer>;
/** The answer to 'registerPhoto': the photo as a data URL. */
export const RegisterPhotoAnswer = z.union([z.object({ ok: z.literal(true), dataUrl: z.string().max(400_000) }), z.object({ ok: z.literal(false), error: HubError })]);
export type RegisterPhotoAnswer = z.infer<typeof RegisterPhotoAnswer>;
