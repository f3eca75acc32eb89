/**
 * The hub's socket.io side as one contract, declared like the console's own (shared/rpc/define.ts): what a client
 * may ask with an acknowledgement (methods: input → answer) and what the hub pushes (events). The hub dispatches
 * by it (hub/socket-contract.ts: every input validated before its handler, every answer against its schema
 * before it is sent) and the console calls by it (electron/core/sync/hub-link.ts: typed calls, answers validated
 * on arrival). docs/hub-protocol.md §4 describes the same for other clients.
 *
 * Answers are `{ok: true, …}` or `{ok: false, error: HubError}`: one error type, whose code is one of the
 * console's error codes (shared/rpc/errors.ts) and whose reason and parameters the console's catalogue turns
 * into its user's language.
 */
import { defineContract } from './rpc/define';
import { ActionAck, AuditAnswer, AuditQuery, ChangePush, HubAction, HubRefusal, RegisterPhotoAnswer, RegistersSinceAnswer } from './hub-protocol';
import { RegisterPhotoRequest, RegistersHint, RegistersSinceRequest } from './supervision';
import { IceAnswer, LinkSignalAck, LinkSignalPush, LinkSignalRequest, SiteKeyAnswer, SiteKeyRequest } from './live-link';
import { z } from 'zod';
import { MeetingAck, MeetingGetAnswer, MeetingGetRequest, MeetingOp, MeetingPatchPush, MeetingPhotoAnswer, MeetingPhotoRequest, MeetingPush } from './hub-meeting';

export const hubContract = defineContract({
  methods: {
    /** A ticket action (or a console's own change), applied at most once per id. */
    action: { input: HubAction, output: ActionAck },
    /** A meeting operation, applied at most once per id. */
    meeting: { input: MeetingOp, output: MeetingAck },
    /** A site report's photo, by id. */
    meetingPhoto: { input: MeetingPhotoRequest, output: MeetingPhotoAnswer },
    /** A meeting whole (a participant that missed a version). */
    meetingGet: { input: MeetingGetRequest, output: MeetingGetAnswer },
    /** The audit trail, a page at a time (chair only). */
    auditQuery: { input: AuditQuery, output: AuditAnswer },
    /** 现场连线: an offer, answer or candidate for the other end of a live link (relayed, never stored). */
    linkSignal: { input: LinkSignalRequest, output: LinkSignalAck },
    /** The ICE servers (the district's TURN, with credentials that expire; none on a network without one). */
    linkIce: { input: z.object({}), output: IceAnswer },
    /** A one-time site link for a phone link (the chair, or the link's station). */
    siteKey: { input: SiteKeyRequest, output: SiteKeyAnswer },
    /** The supervision registers changed after a seq (stations: their sub-district's and the roster). */
    registersSince: { input: RegistersSinceRequest, output: RegistersSinceAnswer },
    /** A supervision visit's photo, by id. */
    registerPhoto: { input: RegisterPhotoRequest, output: RegisterPhotoAnswer },
  },
  events: {
    /** Every change the client may see, in order (prevSeq: see ChangePush). */
    change: ChangePush,
    /** A meeting the client takes part in, whole (on connecting, and when a patch would be larger). */
    meeting: MeetingPush,
    /** The change that made `version` of a meeting. */
    meetingPatch: MeetingPatchPush,
    /** A live link's signalling, for this client's screens (each screen takes what is addressed to its leg). */
    linkSignal: LinkSignalPush,
    /** The supervision registers changed (read them with registersSince). */
    registers: RegistersHint,
    /** The answer to a message that came without an acknowledgement, or under a name the hub does not know. */
    refused: HubRefusal,
  },
});
export type HubContract = typeof hubContract;
export type HubMethod = keyof HubContract['methods'] & string;
export type HubEvent = keyof HubContract['events'] & string;
/** The hub's methods, in declaration order (what a client may emit). */
export const HUB_METHODS = Object.keys(hubContract.methods) as HubMethod[];
export const HUB_EVENTS = Object.keys(hubContract.events) as HubEvent[];
