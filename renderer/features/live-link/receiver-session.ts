/**
 * A receiver of a live link with what a screen shows of it: the site's stream, where the link stands and the
 * tile's figures once a second. On the chair's desk it also tells the meeting when the site's media arrive and
 * stop — this screen's own changes only (two desk screens that disagree never answer each other), the site
 * leaving after it was live as a stop, and a receiver closed while live as one too — and is kept across views
 * (link-sessions.ts); a wall's receiver lives as long as the wall shows the link.
 */
import type { SiteLink } from '../../../shared/live-link';
import type { Meeting } from '../../../shared/contract';
import type { LiandongClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { iceServers, onLinkSignal, pageLeg } from './link-bus';
import { LinkReceiver, type ReceiverState } from './link-receiver';
import type { Kept } from './link-sessions';
import { figures, sample, type LinkFigures, type StatsSample } from './link-stats';

/** `noPicture`: live, but the site's camera sends no frames (taken by another app, a failed switch): said, not a black tile. */
export type ReceiverView = { stream: MediaStream | null; state: ReceiverState; figures: LinkFigures | undefined; noPicture: boolean };

const STATS_EVERY_MS = 1000;

export class ReceiverSession implements Kept {
  readonly receiver: LinkReceiver;
  private view: ReceiverView = { stream: null, state: 'waiting', figures: undefined, noPicture: false };
  private readonly subs = new Set<() => void>();
  private readonly off: () => void;
  private readonly timer: ReturnType<typeof setInterval>;
  private reported: boolean | undefined;
  private closed = false;

  constructor(
    private readonly client: LiandongClient,
    private readonly meetingId: string,
    private link: SiteLink,
    private readonly desk: boolean,
  ) {
    let ice: RTCIceServer[] = [];
    this.receiver = new LinkReceiver({
      leg: pageLeg(),
      send: (signal) => client.call('links.signal', { meetingId, linkId: link.id, leg: pageLeg(), to: 'site', signal }),
      iceServers: () => ice,
      onStream: (stream) => {
        const video = stream?.getVideoTracks()[0];
        if (video) {
          video.onmute = () => this.set({ noPicture: true });
          video.onunmute = () => this.set({ noPicture: false });
        }
        this.set({ stream, noPicture: false });
      },
      onState: (state) => {
        this.set({ state });
        this.report(state);
      },
      speaks: desk,
      onError: (e) => console.warn('live link', e),
    });
    this.off = onLinkSignal(client, link.id, (p) => void this.receiver.handle(p));
    void iceServers(client)
      .then((servers) => (ice = servers))
      .catch(() => undefined)
      .then(() => (this.closed ? undefined : this.receiver.hello()))
      .catch(reportError);
    let prev: StatsSample | undefined;
    this.timer = setInterval(() => {
      const pc = this.receiver.connection;
      if (!pc) return;
      void sample(pc).then((s) => {
        // Rates need two samples: the first only starts the count.
        if (prev && !this.closed) this.set({ figures: figures(prev, s) });
        prev = s;
      });
    }, STATS_EVERY_MS);
  }

  readonly subscribe = (fn: () => void): (() => void) => {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  };

  readonly snapshot = (): ReceiverView => this.view;

  /** The meeting changed: the link as it now stands. */
  meeting(m: Meeting): void {
    this.link = m.links.find((l) => l.id === this.link.id) ?? this.link;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.off();
    if (this.desk && this.reported === true && this.link.endedAt === null) this.tell(false, () => undefined);
    void this.receiver.close();
  }

  private set(patch: Partial<ReceiverView>): void {
    this.view = { ...this.view, ...patch };
    this.subs.forEach((fn) => fn());
  }

  private report(state: ReceiverState): void {
    if (!this.desk || this.closed || this.link.endedAt !== null) return;
    const live = state === 'live' ? true : state === 'cut' || (state === 'waiting' && this.reported === true) ? false : undefined;
    if (live === undefined || live === this.reported) return;
    this.reported = live;
    if (live !== this.link.live) this.tell(live, reportError);
  }

  private tell(live: boolean, onError: (e: unknown) => void): void {
    void this.client.call('meetings.act', { op: 'linkState', meetingId: this.meetingId, linkId: this.link.id, live }).catch(onError);
  }
}
