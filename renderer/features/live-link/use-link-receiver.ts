/**
 * A live link as a receiver shows it (a chair's tile, the wall): the site's stream, where the link stands, the
 * tile's figures once a second; on the chair's desk it also says when media arrive and stop (the meeting records
 * the time live and the cuts) and sends the chair's voice while the chair speaks to this site.
 */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from '../../app/use-live-query';
import type { Meeting } from '../../../shared/contract';
import type { SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { chairMic, releaseChairMic } from './chair-mic';
import { mediaProblem, type MediaProblem } from './media-problem';
import { iceServers, onLinkSignal, pageLeg } from './link-bus';
import { LinkReceiver, type ReceiverState } from './link-receiver';
import { figures, sample, type LinkFigures, type StatsSample } from './link-stats';

export type ReceivedLink = { stream: MediaStream | null; state: ReceiverState; figures: LinkFigures | undefined; micProblem: MediaProblem | undefined; receiver: LinkReceiver | undefined };

const STATS_EVERY_MS = 1000;

/** `chair`: the chair's tile (it may speak and report); a wall's receiver only receives. Either way a screen that is
 * not the desk (a read-only wall screen) only receives. */
export function useLinkReceiver(meeting: Meeting, link: SiteLink, chair: boolean): ReceivedLink {
  const client = useClient();
  const access = useLiveQuery('app.info', {}, []).data?.access;
  const desk = chair && access === 'desk';
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [state, setState] = useState<ReceiverState>('waiting');
  const [fig, setFig] = useState<LinkFigures>();
  const [micProblem, setMicProblem] = useState<MediaProblem>();
  const receiver = useRef<LinkReceiver | undefined>(undefined);
  const meetingId = meeting.id;
  const linkId = link.id;

  // Made once it is known whether this screen is the desk (the chair's receiver speaks; a wall's does not).
  const accessKnown = access !== undefined;
  useEffect(() => {
    if (!accessKnown) return;
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
  }, [client, meetingId, linkId, desk, accessKnown]);

  // The desk tells the meeting when the site's media arrive and stop: this screen's own changes only (two desk
  // screens that disagree never answer each other), the site leaving after it was live (waiting again) as a stop,
  // and a screen that goes away while live as one too.
  const known = useRef({ live: link.live, ended: link.endedAt !== null });
  known.current = { live: link.live, ended: link.endedAt !== null };
  const reported = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    if (!desk || known.current.ended) return;
    const live = state === 'live' ? true : state === 'cut' || (state === 'waiting' && reported.current === true) ? false : undefined;
    if (live === undefined || live === reported.current) return;
    reported.current = live;
    if (live !== known.current.live) void client.call('meetings.act', { op: 'linkState', meetingId, linkId, live }).catch(reportError);
  }, [client, desk, state, meetingId, linkId]);
  useEffect(
    () => () => {
      if (desk && reported.current === true && !known.current.ended) void client.call('meetings.act', { op: 'linkState', meetingId, linkId, live: false }).catch(() => undefined);
    },
    [client, desk, meetingId, linkId],
  );

  // The chair's voice goes to the link it speaks to, and to no other; the microphone is let go when it speaks to none.
  const talking = desk && meeting.talkTo === linkId;
  useEffect(() => {
    const r = receiver.current;
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
  }, [talking, state]);
  useEffect(() => {
    if (!talking) return;
    return () => {
      void receiver.current?.speak(null);
      releaseChairMic();
    };
  }, [talking]);

  return { stream, state, figures: fig, micProblem, receiver: receiver.current };
}
