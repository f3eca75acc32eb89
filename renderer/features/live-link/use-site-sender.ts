/**
 * The site's end in a station's console: the camera and microphone asked for only when the station presses
 * 开始连线, sent to the chair's screens (and the wall the chair puts the link on); the chair's voice played.
 * What the browser or the system refuses is kept as a problem the screen says in words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { iceServers, onLinkSignal, pageLeg } from './link-bus';
import { mediaProblem, type MediaProblem } from './media-problem';
import { SiteSender, type SiteSenderState } from './site-sender';

export type SentLink = { sending: boolean; state: SiteSenderState | undefined; problem: MediaProblem | undefined; voice: MediaStream | null; preview: MediaStream | null; start(): Promise<void>; stop(): Promise<void> };

export function useSiteSender(meetingId: string, link: SiteLink): SentLink {
  const client = useClient();
  const [state, setState] = useState<SiteSenderState>();
  const [problem, setProblem] = useState<MediaProblem>();
  const [voice, setVoice] = useState<MediaStream | null>(null);
  const [preview, setPreview] = useState<MediaStream | null>(null);
  const sender = useRef<{ s: SiteSender; off: () => void; stream: MediaStream } | undefined>(undefined);
  /** A start under way (asking for the camera, the ICE servers): a second press waits for it, a stop cancels it. */
  const starting = useRef<{ cancelled: boolean } | undefined>(undefined);
  const linkId = link.id;

  const stop = useCallback(async () => {
    if (starting.current) starting.current.cancelled = true;
    const cur = sender.current;
    sender.current = undefined;
    if (!cur) return;
    cur.off();
    await cur.s.stop();
    cur.stream.getTracks().forEach((t) => t.stop());
    setPreview(null);
    setVoice(null);
    setState(undefined);
  }, []);

  const start = useCallback(async () => {
    if (sender.current || starting.current) return;
    const run = (starting.current = { cancelled: false });
    try {
      let stream: MediaStream;
      try {
        // A page served over plain http from another machine is not a secure context: no camera at all.
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('not a secure context'), { name: 'SecurityError' });
        stream = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
          audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        });
      } catch (e) {
        if (!run.cancelled) setProblem(mediaProblem(e));
        return;
      }
      const ice = await iceServers(client).catch(() => []);
      // Stopped meanwhile (the link ended, the screen went away): the camera goes off again at once.
      if (run.cancelled) return stream.getTracks().forEach((t) => t.stop());
      setProblem(undefined);
      const s = new SiteSender(stream, {
        send: (to, signal) => client.call('links.signal', { meetingId, linkId, leg: pageLeg(), to, signal }),
        iceServers: () => ice,
        onVoice: setVoice,
        onState: setState,
        onError: (e) => console.warn('live link', e),
      });
      const off = onLinkSignal(client, linkId, (p) => void s.handle(p));
      sender.current = { s, off, stream };
      setPreview(stream);
      await s.start();
    } finally {
      if (starting.current === run) starting.current = undefined;
    }
  }, [client, meetingId, linkId]);

  // The link ended (by the chair, or the meeting): stop sending.
  useEffect(() => {
    if (link.endedAt !== null) void stop();
  }, [link.endedAt, stop]);
  useEffect(() => () => void stop(), [stop]);

  return { sending: preview !== null, state, problem, voice, preview, start, stop };
}
