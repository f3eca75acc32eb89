/**
 * Meetings this console takes part in, kept current by the hub's snapshots; the one under way (not ended,
 * newest) is the meeting the screens show.
 */
import { useEffect, useState } from 'react';
import type { Meeting } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';

export function useMeetings(): { meetings: Meeting[]; current: Meeting | undefined } {
  const client = useClient();
  const [meetings, setMeetings] = useState<Meeting[]>([]);
  useEffect(() => {
    let alive = true;
    const merge = (m: Meeting) => setMeetings((list) => [m, ...list.filter((x) => x.id !== m.id)].sort((a, b) => b.createdAt - a.createdAt));
    const off = client.on('meetings.changed', merge);
    client.call('meetings.list', {}).then((r) => alive && setMeetings((list) => [...new Map([...r.meetings, ...list].map((m) => [m.id, m])).values()].sort((a, b) => b.createdAt - a.createdAt)), reportError);
    const offLink = client.onLinkState((s) => s === 'open' && void client.call('meetings.list', {}).then((r) => alive && setMeetings(r.meetings), reportError));
    return () => {
      alive = false;
      off();
      offLink();
    };
  }, [client]);
  return { meetings, current: meetings.find((m) => m.endedAt === null) };
}

/** Seconds between two instants, one decimal ("3.2"). */
export const secondsBetween = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
