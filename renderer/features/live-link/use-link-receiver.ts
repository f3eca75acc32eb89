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
import { keptSession } from './link-sessions';
import { ReceiverSession, type ReceiverView } from './receiver-session';

export type ReceivedLink = ReceiverView;

const NO_VIEW: ReceiverView = { stream: null, state: 'waiting', figures: undefined, noPicture: false, micProblem: undefined };
const noSubscription = () => () => undefined;

/** On the desk the receiver speaks and reports, and is kept across views (the tile and the wall's picture on the
 * desk share it); on a read-only wall screen it only receives, while the wall shows the link. */
export function useLinkReceiver(meeting: Meeting, link: SiteLink): ReceivedLink {
  const client = useClient();
  const access = useLiveQuery('app.info', {}, []).data?.access;
  const desk = access === 'desk';
  const [session, setSession] = useState<ReceiverSession>();
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

  // The session hears the meeting from the page's own updates too (a kept one also from meetings.changed).
  useEffect(() => session?.meeting(meeting), [session, meeting]);

  return view;
}
