/**
 * Where a call to a station stands, as the chair's screen says it: answered; ringing (the station is on line
 * and the ring time is not up); or unanswered — the ring time passed, or the station's link went. A call
 * never spins for ever.
 */
import type { MeetingCall } from '../hub-meeting';

/** How long a station's screen rings before the chair's says 未应答. */
export const RING_MS = 60_000;

export type CallState = 'answered' | 'ringing' | 'unanswered';

export function callState(call: Pick<MeetingCall, 'calledAt' | 'answeredAt'>, stationPresent: boolean, now: number): CallState {
  if (call.answeredAt !== null) return 'answered';
  if (!stationPresent || now - call.calledAt >= RING_MS) return 'unanswered';
  return 'ringing';
}
