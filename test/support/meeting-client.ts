/**
 * A bare meeting participant over socket.io, for hub tests and the load bench: keeps its meetings in step
 * (whole on connecting, then patches, fetching a meeting whole after a missed version) and lets a test wait
 * for a meeting to reach a state.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { HUB_SOCKET_NAMESPACE, type ActionAck, type ActionRequest } from '../../shared/hub-protocol';
import type { Meeting, MeetingGetAnswer, MeetingOpRequest, MeetingPatchPush } from '../../shared/hub-meeting';
import { MeetingMirror } from '../../shared/meeting-patch';

export type MeetingClient = {
  socket: Socket;
  mirror: MeetingMirror;
  /** Patches applied and meetings fetched whole after a gap. */
  counts: { patches: number; fetches: number };
  onChange(l: (m: Meeting) => void): void;
  /** Each patch once it is applied (what changed, without looking through the whole meeting). */
  onPatch(l: (p: MeetingPatchPush) => void): void;
  until(p: (m: Meeting) => boolean): Promise<Meeting>;
  op(o: MeetingOpRequest & { id?: string }): Promise<ActionAck>;
  act(a: ActionRequest): Promise<ActionAck>;
};

/** `follows`: the meetings this client keeps copies of (default all it is sent); others are ignored. */
export async function connectMeetingClient(url: string, token: string, o: { follows?: (meetingId: string) => boolean; ca?: string } = {}): Promise<MeetingClient> {
  const follows = o.follows ?? (() => true);
  const socket = io(url + HUB_SOCKET_NAMESPACE, { auth: { token }, transports: ['websocket'], reconnection: false, ca: o.ca });
  const mirror = new MeetingMirror();
  const listeners = new Set<(m: Meeting) => void>();
  const patchListeners = new Set<(p: MeetingPatchPush) => void>();
  const counts = { patches: 0, fetches: 0 };
  const changed = (m: Meeting | undefined) => m && listeners.forEach((l) => l(m));
  socket.on('meeting', (m: Meeting) => follows(m.id) && changed(mirror.snapshot(m)));
  socket.on('meetingPatch', (p: MeetingPatchPush) => {
    if (!follows(p.meetingId)) return;
    const { changed: m, fetch } = mirror.patch(p);
    if (m) counts.patches++;
    changed(m);
    if (m) patchListeners.forEach((l) => l(p));
    if (fetch) {
      counts.fetches++;
      void socket.emitWithAck('meetingGet', { meetingId: fetch }).then((a: MeetingGetAnswer) => a.ok && changed(mirror.snapshot(a.meeting)));
    }
  });
  await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
  return {
    socket,
    mirror,
    counts,
    onChange: (l) => void listeners.add(l),
    onPatch: (l) => void patchListeners.add(l),
    until: (p) =>
      new Promise((resolve) => {
        const check = () => {
          const m = mirror.all().find(p);
          if (m) {
            listeners.delete(check);
            resolve(m);
          }
        };
        listeners.add(check);
        check();
      }),
    op: (o) => socket.emitWithAck('meeting', { id: randomUUID(), ...o }),
    act: (a) => socket.emitWithAck('action', { id: randomUUID(), ...a }),
  };
}
