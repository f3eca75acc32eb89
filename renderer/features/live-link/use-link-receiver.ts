/**
 * A live link as a receiver shows it (a chair's tile, the wall): the site's stream, where the link stands, the
 * tile's figures once a second; on the chair's desk it also says when media arrive and stop (the meeting records
 * the time live and the cuts) and sends the chair's voice while the chair speaks to this site.
 */
import { useEffect, useRef, useState } from 'react';
import type { Meeting } from '../../../shared/contract';
import type { SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { chairMic } from './chair-mic';
import { iceServers, onLinkSignal, pageLeg } from './link-bus';
import { LinkReceiver, type ReceiverState } from './link-receiver';
import { figures, sample, type LinkFigures, type StatsSample } from './link-stats';

export type ReceivedLink = { stream: MediaStream | null; state: ReceiverState; figures: LinkFigures | undefined; micProblem: boolean; receiver: LinkReceiver | undefined };

const STATS_EVERY_MS = 1000;

export function useLinkReceiver(meeting: Meeting, link: SiteLink, desk: boolean): ReceivedLink {
  const client = useClient();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [state, setState] = useState<ReceiverState>('waiting');
  const [fig, setFig] = useState<LinkFigures>();
  const [micProblem, setMicProblem] = useState(false);
  const receiver = useRef<LinkReceiver | undefined>(undefined);
  const meetingId = meeting.id;
  const linkId = link.id;

  useEffect(() => {
    let ice: RTCIceServer[] = [];
    const r = new LinkReceiver({
      leg: pageLeg(),
      send: (signal) => client.call('links.signal', { meetingId, linkId, leg: pageLeg(), to: 'site', signal }),
      iceServers: () => ice,
      onStream: setStream,
      onState: setState,
      speaks: desk,
      onError: (e) => console.warn('live link', e),
    });
    receiver.current = r;
    const off = onLinkSignal(client, linkId, (p) => void r.handle(p));
    void iceServers(client)
      .then((servers) => (ice = servers))
      .catch(() => undefined)
      .then(() => r.hello())
      .catch(reportError);
    let prev: StatsSample | undefined;
    const timer = setInterval(() => {
      const pc = r.connection;
      if (!pc) return;
      void sample(pc).then((s) => {
        // Rates need two samples: the first only starts the count.
        if (prev) setFig(figures(prev, s));
        prev = s;
      });
    }, STATS_EVERY_MS);
    return () => {
      clearInterval(timer);
      off();
      receiver.current = undefined;
      void r.close();
    };
  }, [client, meetingId, linkId, desk]);

  // The desk tells the meeting when the site's media arrive and stop.
  useEffect(() => {
    if (!desk || link.endedAt !== null) return;
    const live = state === 'live';
    if ((state === 'live' || state === 'cut') && live !== link.live) void client.call('meetings.act', { op: 'linkState', meetingId, linkId, live }).catch(reportError);
  }, [client, desk, state, link.live, link.endedAt, meetingId, linkId]);

  // The chair's voice goes to the link it speaks to, and to no other.
  const talking = desk && meeting.talkTo === linkId;
  useEffect(() => {
    const r = receiver.current;
    if (!r) return;
    if (!talking) return void r.speak(null);
    let cancelled = false;
    chairMic()
      .then((track) => (cancelled ? undefined : r.speak(track)))
      .then(() => setMicProblem(false))
      .catch(() => setMicProblem(true));
    return () => {
      cancelled = true;
    };
  }, [talking, state]);

  return { stream, state, figures: fig, micProblem, receiver: receiver.current };
}
