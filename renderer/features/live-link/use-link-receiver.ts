/**
 * A live link as a receiver shows it (a chair's tile, the wall): its session (receiver-session.ts: the stream, the
 * state, the figures; on the desk, what the meeting is told), and on the chair's desk the chair's voice while the
 * chair speaks to this site.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useLiveQuery } from '../../app/use-live-query';
import type { Meeting } from '../../../shared/contract';
import type { SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { chairMic, releaseChairMic } from './chair-mic';
import { mediaProblem, type MediaProblem } from './media-problem';
import { keptSession } from './link-sessions';
import { ReceiverSession, type ReceiverView } from './receiver-session';

export type ReceivedLink = ReceiverView & { micProblem: MediaProblem | undefined };

const NO_VIEW: ReceiverView = { stream: null, state: 'waiting', figures: undefined, noPicture: false };
const noSubscription = () => () => undefined;

/** On the desk the receiver speaks and reports, and is kept across views (the tile and the wall's picture on the
 * desk share it); on a read-only wall screen it only receives, while the wall shows the link. */
export function useLinkReceiver(meeting: Meeting, link: SiteLink): ReceivedLink {
  const client = useClient();
  const access = useLiveQuery('app.info', {}, []).data?.access;
  const desk = access === 'desk';
  const [session, setSession] = useState<ReceiverSession>();
  const [micProblem, setMicProblem] = useState<MediaProblem>();
  const meetingId = meeting.id;
  const linkId = link.id;
  // The link when the receiver is made; a kept one follows the meeting from then on.
  const first = useRef(link);

  // Made once it is known whether this screen is the desk (the chair's receiver speaks; a wall's does not).
  const accessKnown = access !== undefined;
  useEffect(() => {
    if (!accessKnown) return;
    if (desk) {
      setSession(keptSession(client, meetingId, linkId, 'receiver', () => new ReceiverSession(client, meetingId, first.current, true)));
      return;
    }
    const s = new ReceiverSession(client, meetingId, first.current, false);
    setSession(s);
    return () => s.close();
  }, [client, meetingId, linkId, desk, accessKnown]);
  const view = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.snapshot ?? (() => NO_VIEW));

  // The chair's voice goes to the link it speaks to, and to no other; the microphone is let go when it speaks to none.
  const talking = desk && meeting.talkTo === linkId;
  const state = view.state;
  useEffect(() => {
    const r = session?.receiver;
    if (!r) return;
    if (!talking) return void r.speak(null);
    let cancelled = false;
    chairMic()
      .then((track) => (cancelled ? undefined : r.speak(track)))
      .then(() => setMicProblem(undefined))
      .catch((e: unknown) => setMicProblem(mediaProblem(e)));
    return () => {
      cancelled = true;
    };
  }, [session, talking, state]);
  useEffect(() => {
    if (!talking) return;
    return () => {
      void session?.receiver.speak(null);
      releaseChairMic();
    };
  }, [session, talking]);

  return { ...view, micProblem };
}
