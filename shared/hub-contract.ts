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
import { ActionAck, AuditAnswer, AuditQuery, ChangePush, HubAction, HubRefusal } from './hub-protocol';
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
  },
  events: {
    /** Every change the client may see, in order (prevSeq: see ChangePush). */
    change: ChangePush,
    /** A meeting the client takes part in, whole (on connecting, and when a patch would be larger). */
    meeting: MeetingPush,
    /** The change that made `version` of a meeting. */
    meetingPatch: MeetingPatchPush,
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
