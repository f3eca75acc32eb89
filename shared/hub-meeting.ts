/**
 * The meeting part of the hub protocol (线上核查点调会 and its kin). The hub holds each meeting: the chair
 * creates and runs it, invited stations answer calls and report from the site; every participant gets the
 * meeting as one snapshot whenever it changes, and again on (re)connecting, so a restarted chair or a
 * station back on the network is at the current item at once.
 *
 * Operations travel as socket.io event 'meeting' (client → hub, with ack), each with a client-generated
 * UUID: the hub applies an operation once and answers a repeat with the first answer. Each change gives the
 * meeting a new version; participants get the whole meeting on connecting (and when it is created), then
 * one patch per version (event 'meetingPatch'); a participant that misses a version asks for the whole
 * meeting again ('meetingGet', with ack). So a snapshot is sent rarely and a change costs its own size. Decisions are not
 * meeting operations: they are ticket actions (kind 'decide', hub-protocol.ts) that name the meeting, so
 * they reach the ticket's timeline and go through the console's outbox like every other action.
 */
import { z } from 'zod';
import { HubError } from './hub-protocol';
import { TicketNo } from './domain/ticket';
import { SitePhoto } from './domain/site-photo';
import { LinkVia, MAX_LINKS_PER_MEETING, SiteLink } from './live-link';

export const MEETING_KINDS = ['onlineCheck', 'siteCoordination', 'supervision'] as const;
export const MeetingKind = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKind>;

const StationCode = z.string().regex(/^\d{9}$/, 'a sub-district code (9 digits)');
const name = z.string().trim().min(1).max(100);
const epochMs = z.number().int().nonnegative();

/** Why a ticket is on the agenda (suggestions carry these; the chair may add any ticket). */
export const AGENDA_REASONS = ['difficult', 'cross', 'warning', 'overdue', 'chair'] as const;
export const AgendaReason = z.enum(AGENDA_REASONS);
export type AgendaReason = z.infer<typeof AgendaReason>;

export const AgendaItem = z.object({ ticketNo: TicketNo, reasons: z.array(AgendaReason).max(5) });
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Invitees = z.object({
  stations: z.array(StationCode).max(50),
  /** Departments (职能部门) and deputies/work groups (人大代表, 工作专班) attend by name. */
  departments: z.array(name).max(50),
  deputies: z.array(name).max(50),
});
export type Invitees = z.infer<typeof Invitees>;

/** A station's attendance: present now (connected), first joined, and its answer to the roll-call. */
export const Attendance = z.object({
  stationCode: StationCode,
  present: z.boolean(),
  joinedAt: epochMs.nullable(),
  answeredRollCallAt: epochMs.nullable(),
});
export type Attendance = z.infer<typeof Attendance>;

/** The chair calls a station about a ticket; the station acknowledges (收到). */
export const MeetingCall = z.object({
  id: z.uuid(),
  stationCode: StationCode,
  ticketNo: TicketNo,
  calledAt: epochMs,
  answeredAt: epochMs.nullable(),
  answer: z.string().max(500).nullable(),
});
export type MeetingCall = z.infer<typeof MeetingCall>;

export { SitePhoto } from './domain/site-photo';

/** "网格员已在现场": a station's report from the site, with notes and photos (fetched by id: socket.io event
 * 'meetingPhoto' with ack, {meetingId, photoId} → {ok, dataUrl}; snapshots stay small). */
export const SiteReport = z.object({
  id: z.uuid(),
  stationCode: StationCode,
  ticketNo: TicketNo,
  at: epochMs,
  note: z.string().max(2000),
  photoIds: z.array(z.string().max(80)).max(4),
});
export type SiteReport = z.infer<typeof SiteReport>;

/** A decision as the meeting records it (the ticket's timeline has it too). */
export const MeetingDecision = z.object({
  ticketNo: TicketNo,
  at: epochMs,
  leadDepartment: name,
  coDepartments: z.array(name).max(20),
  deadlineAt: epochMs,
  supervisor: z.string().max(100),
  responsibility: z.enum(['firstContact', 'assigned', 'fallback']),
  notes: z.string().max(2000),
});
export type MeetingDecision = z.infer<typeof MeetingDecision>;

export const Meeting = z.object({
  id: z.uuid(),
  /** Raised by one on every change (0 for a meeting stored before versions). */
  version: z.number().int().nonnegative().default(0),
  kind: MeetingKind,
  title: z.string().trim().min(1).max(200),
  chair: z.string().max(100),
  createdAt: epochMs,
  startedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  agenda: z.array(AgendaItem).max(200),
  /** Index into the agenda of the item under discussion, shown on every participant's screen. */
  current: z.number().int().nonnegative().nullable(),
  invitees: Invitees,
  attendance: z.array(Attendance),
  rollCallAt: epochMs.nullable(),
  calls: z.array(MeetingCall),
  reports: z.array(SiteReport),
  decisions: z.array(MeetingDecision),
  /** 现场连线: the live links to sites, open and ended (shared/live-link.ts). */
  links: z.array(SiteLink).max(MAX_LINKS_PER_MEETING).default([]),
  /** The link the chair speaks to (one at a time), and the link put up on the wall. */
  talkTo: z.uuid().nullable().default(null),
  onWall: z.uuid().nullable().default(null),
});
export type Meeting = z.infer<typeof Meeting>;

const op = { meetingId: z.uuid() };
const createBody = z.object({ ...op, op: z.literal('create'), kind: MeetingKind, title: z.string().trim().min(1).max(200), agenda: z.array(AgendaItem).min(1).max(200), invitees: Invitees });
const startBody = z.object({ ...op, op: z.literal('start') });
const setCurrentBody = z.object({ ...op, op: z.literal('setCurrent'), index: z.number().int().nonnegative() });
const rollCallBody = z.object({ ...op, op: z.literal('rollCall') });
const callBody = z.object({ ...op, op: z.literal('call'), stationCode: StationCode, ticketNo: TicketNo });
/** A station answers: the roll-call (no callId) or a call (its id). */
const answerBody = z.object({ ...op, op: z.literal('answer'), callId: z.uuid().optional(), note: z.string().max(500).default('收到') });
const reportBody = z.object({ ...op, op: z.literal('report'), ticketNo: TicketNo, note: z.string().max(2000), photos: z.array(SitePhoto).max(4).default([]) });
const endBody = z.object({ ...op, op: z.literal('end') });
/** The chair puts one more ticket on the agenda of a meeting under way (at the end). */
const addItemBody = z.object({ ...op, op: z.literal('addItem'), item: AgendaItem });
const link = { linkId: z.uuid() };
/** 现场连线: the chair (or the station, for its own site) opens a link to a site about an agenda ticket. */
const linkOpenBody = z.object({ ...op, op: z.literal('linkOpen'), ...link, stationCode: StationCode, ticketNo: TicketNo, via: LinkVia });
/** The chair or the site's station ends a link (a phone's 结束 is its station's). */
const linkEndBody = z.object({ ...op, op: z.literal('linkEnd'), ...link });
/** The chair's console says whether the site's media reach it (live) or stopped (a cut). */
const linkStateBody = z.object({ ...op, op: z.literal('linkState'), ...link, live: z.boolean() });
/** The chair speaks to this site (null: to none). */
const linkTalkBody = z.object({ ...op, op: z.literal('linkTalk'), linkId: z.uuid().nullable() });
/** The chair puts this link's video up on the wall (null: takes it down). */
const linkWallBody = z.object({ ...op, op: z.literal('linkWall'), linkId: z.uuid().nullable() });
/** 截图: a frame of a live link, into the ticket's site reports as the site's photo. */
const linkFrameBody = z.object({ ...op, op: z.literal('linkFrame'), ...link, photo: SitePhoto });
const BODIES = [createBody, startBody, setCurrentBody, rollCallBody, callBody, answerBody, reportBody, endBody, addItemBody, linkOpenBody, linkEndBody, linkStateBody, linkTalkBody, linkWallBody, linkFrameBody] as const;
/** An operation as a participant asks for it (the console adds the id). */
export const MeetingOpRequest = z.discriminatedUnion('op', BODIES);
export type MeetingOpRequest = z.input<typeof MeetingOpRequest>;
const id = { id: z.uuid() };
/** socket.io event 'meeting' (client → hub, with ack). */
export const MeetingOp = z.discriminatedUnion('op', [
  createBody.extend(id),
  startBody.extend(id),
  setCurrentBody.extend(id),
  rollCallBody.extend(id),
  callBody.extend(id),
  answerBody.extend(id),
  reportBody.extend(id),
  endBody.extend(id),
  addItemBody.extend(id),
  linkOpenBody.extend(id),
  linkEndBody.extend(id),
  linkStateBody.extend(id),
  linkTalkBody.extend(id),
  linkWallBody.extend(id),
  linkFrameBody.extend(id),
]);
export type MeetingOp = z.infer<typeof MeetingOp>;
export type MeetingOpInput = z.input<typeof MeetingOp>;

export const MeetingPhotoRequest = z.object({ meetingId: z.uuid(), photoId: z.string().max(80) });
export const MeetingPhotoAnswer = z.union([z.object({ ok: z.literal(true), dataUrl: SitePhoto }), z.object({ ok: z.literal(false), error: HubError })]);
export type MeetingPhotoAnswer = z.infer<typeof MeetingPhotoAnswer>;

/** The answer to an operation: `version`, the meeting's version once the operation was applied (a duplicate: as
 * the first answer said). Meetings are not in the change feed: an operation has no seq. */
export const MeetingAck = z.union([
  // (A hub from before versions were answered says `seq: 0` and no version: read as it is, without one.)
  z.object({ ok: z.literal(true), version: z.number().int().nonnegative().optional(), duplicate: z.boolean() }),
  z.object({ ok: z.literal(false), error: HubError }),
]);
export type MeetingAck = z.infer<typeof MeetingAck>;

/** socket.io event 'meeting' (hub → client): a meeting the client takes part in, as it now is. */
export const MeetingPush = Meeting;

/**
 * What one change did to a meeting: fields set, and entries added or replaced — attendance by station,
 * calls and reports by id, decisions by ticket (a replaced decision moves to the end, as recordDecision
 * does), agenda items added at the end. Applied in order by `applyMeetingPatch` (shared/meeting-patch.ts).
 */
export const MeetingPatch = z.object({
  set: z
    .object({ startedAt: epochMs.nullable(), endedAt: epochMs.nullable(), current: z.number().int().nonnegative().nullable(), rollCallAt: epochMs.nullable(), talkTo: z.uuid().nullable(), onWall: z.uuid().nullable() })
    .partial()
    .optional(),
  attendance: z.array(Attendance).optional(),
  calls: z.array(MeetingCall).optional(),
  reports: z.array(SiteReport).optional(),
  decisions: z.array(MeetingDecision).optional(),
  /** Links opened or changed (by id). */
  links: z.array(SiteLink).optional(),
  /** Items added at the end of the agenda (the agenda only grows). */
  agenda: z.array(AgendaItem).max(200).optional(),
});
export type MeetingPatch = z.infer<typeof MeetingPatch>;

/** socket.io event 'meetingPatch' (hub → client): the change that made `version` of a meeting from `version - 1`. */
export const MeetingPatchPush = z.object({ meetingId: z.uuid(), version: z.number().int().positive(), patch: MeetingPatch });
export type MeetingPatchPush = z.infer<typeof MeetingPatchPush>;

/** socket.io event 'meetingGet' (client → hub, with ack): the whole meeting, when a patch was missed. */
export const MeetingGetRequest = z.object({ meetingId: z.uuid() });
export const MeetingGetAnswer = z.union([z.object({ ok: z.literal(true), meeting: Meeting }), z.object({ ok: z.literal(false), error: HubError })]);
export type MeetingGetAnswer = z.infer<typeof MeetingGetAnswer>;
