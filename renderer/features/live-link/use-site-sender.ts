/**
 * The site's end of a console link as the station's screen shows it: its session (sender-session.ts), kept while
 * the link is open whatever view the station shows, stopped when the link or the meeting ends.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { keptSession } from './link-sessions';
import { SenderSession, type SenderView } from './sender-session';

export type SentLink = SenderView & { sending: boolean; start(): Promise<void>; stop(): Promise<void> };

export function useSiteSender(meetingId: string, link: SiteLink): SentLink {
  const client = useClient();
  const linkId = link.id;
  const session = useMemo(() => keptSession(client, meetingId, linkId, 'sender', () => new SenderSession(client, meetingId, linkId)), [client, meetingId, linkId]);
  const view = useSyncExternalStore(session.subscribe, session.snapshot);
  return { ...view, sending: view.preview !== null, start: () => session.start(), stop: () => session.stop() };
}
