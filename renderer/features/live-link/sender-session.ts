/**
 * The site's end in a station's console, kept across views (link-sessions.ts): the camera and microphone asked
 * for only when the station presses 开始连线, sent to the chair's screens (and the wall the chair puts the link on);
 * the chair's voice played. A second press while the first is asking waits for it; a stop meanwhile cancels it
 * (no camera left on). What the browser or the system refuses is kept as a problem the screen says in words.
 */
import type { Meeting } from '../../../shared/contract';
import type { LiandongClient } from '../../app/client-context';
import { iceServers, onLinkSignal, pageLeg } from './link-bus';
import type { Kept } from './link-sessions';
import { mediaProblem, type MediaProblem } from './media-problem';
import { SiteSender, type SiteSenderState } from './site-sender';

export type SenderView = { state: SiteSenderState | undefined; problem: MediaProblem | undefined; voice: MediaStream | null; preview: MediaStream | null };

export class SenderSession implements Kept {
  private view: SenderView = { state: undefined, problem: undefined, voice: null, preview: null };
  private readonly subs = new Set<() => void>();
  private sending: { s: SiteSender; off: () => void; stream: MediaStream } | undefined;
  private starting: { cancelled: boolean } | undefined;

  constructor(
    private readonly client: LiandongClient,
    private readonly meetingId: string,
    private readonly linkId: string,
  ) {}

  readonly subscribe = (fn: () => void): (() => void) => {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  };

  readonly snapshot = (): SenderView => this.view;

  meeting(_m: Meeting): void {}

  async start(): Promise<void> {
    if (this.sending || this.starting) return;
    const run = (this.starting = { cancelled: false });
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
        if (!run.cancelled) this.set({ problem: mediaProblem(e) });
        return;
      }
      const ice = await iceServers(this.client).catch(() => []);
      // Stopped meanwhile (the link ended, the page went): the camera goes off again at once.
      if (run.cancelled) return stream.getTracks().forEach((t) => t.stop());
      const s = new SiteSender(stream, {
        send: (to, signal) => this.client.call('links.signal', { meetingId: this.meetingId, linkId: this.linkId, leg: pageLeg(), to, signal }),
        iceServers: () => ice,
        onVoice: (voice) => this.set({ voice }),
        onState: (state) => this.set({ state }),
        onError: (e) => console.warn('live link', e),
      });
      const off = onLinkSignal(this.client, this.linkId, (p) => void s.handle(p));
      this.sending = { s, off, stream };
      this.set({ problem: undefined, preview: stream });
      await s.start();
    } finally {
      if (this.starting === run) this.starting = undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.starting) this.starting.cancelled = true;
    const cur = this.sending;
    this.sending = undefined;
    if (!cur) return;
    cur.off();
    await cur.s.stop();
    cur.stream.getTracks().forEach((t) => t.stop());
    this.set({ preview: null, voice: null, state: undefined });
  }

  close(): void {
    void this.stop();
  }

  private set(patch: Partial<SenderView>): void {
    this.view = { ...this.view, ...patch };
    this.subs.forEach((fn) => fn());
  }
}
