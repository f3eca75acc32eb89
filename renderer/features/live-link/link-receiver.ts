/**
 * A receiver's end of a live link (a chair's screen, or a wall the link is up on): asks the site for an offer,
 * answers it (and every ICE restart the site makes after a cut, on the same peer connection), shows the site's
 * video and sound, and — on the chair's desk — sends the chair's voice when the chair speaks to this site
 * (`speak(track)`; `speak(null)` stops sending: the other sites hear nothing).
 *
 * Transport-agnostic: `send` carries a message to the site (the console's contract).
 */
import type { LinkSignalBody, LinkSignalPush } from '../../../shared/live-link';

export type ReceiverState = 'waiting' | 'connecting' | 'live' | 'cut';

export type LinkReceiverOptions = {
  /** This screen's end: `<token id>/<leg>` as the hub names it (only the leg is known here: messages to it match). */
  leg: string;
  send: (signal: LinkSignalBody) => Promise<unknown>;
  iceServers: () => RTCIceServer[];
  onStream: (stream: MediaStream | null) => void;
  onState: (s: ReceiverState) => void;
  /** Whether this end may send the chair's voice (the desk; a wall only receives). */
  speaks: boolean;
  /** While the link is not live, hello is said again this often (a site that gave this screen up, or came back,
   * answers with a new offer). */
  helloEveryMs?: number;
  onError?: (e: unknown) => void;
};

export class LinkReceiver {
  private pc: RTCPeerConnection | undefined;
  private pending: RTCIceCandidateInit[] = [];
  private voice: MediaStreamTrack | null = null;
  private state: ReceiverState = 'waiting';
  private stateSince = Date.now();
  private closed = false;
  private readonly again: ReturnType<typeof setInterval>;

  constructor(private readonly o: LinkReceiverOptions) {
    // Waiting: the site may not have started yet, or may have given this screen up. Cut for long: the site's own
    // ICE restarts have not got through (say, it restarted and forgot this screen). Connecting for long: the answer
    // or the site's candidates were lost (the site dropped its peer without a bye). Each time: hello again.
    const every = o.helloEveryMs ?? 5000;
    this.again = setInterval(() => {
      const stuck = (this.state === 'cut' || this.state === 'connecting') && Date.now() - this.stateSince > (this.state === 'cut' ? 4 : 3) * every;
      if (!this.closed && (this.state === 'waiting' || stuck)) {
        if (stuck) this.stateSince = Date.now();
        void this.hello().catch((e: unknown) => this.o.onError?.(e));
      }
    }, every);
  }

  /** Ask the site for an offer (again after the page or the site came back). */
  hello(): Promise<unknown> {
    return this.o.send({ kind: 'hello' });
  }

  /** Whether a message is for this end: from the site, to this leg or to every receiver. */
  takes(p: LinkSignalPush): boolean {
    return p.from === 'site' && (p.to === 'receivers' || p.to.endsWith(`/${this.o.leg}`));
  }

  async handle(p: LinkSignalPush): Promise<void> {
    if (this.closed || !this.takes(p)) return;
    const s = p.signal;
    try {
      if (s.kind === 'hello') {
        // The site is (back) up: ask it for an offer.
        await this.hello();
      } else if (s.kind === 'offer') {
        const pc = this.pc && this.pc.signalingState !== 'closed' ? this.pc : this.newPeer();
        await pc.setRemoteDescription({ type: 'offer', sdp: s.sdp });
        if (this.o.speaks) {
          // The chair's voice goes back on the site's audio line: sendrecv from the start, a track only while speaking.
          for (const t of pc.getTransceivers()) {
            if (t.receiver.track.kind !== 'audio') continue;
            t.direction = 'sendrecv';
            await t.sender.replaceTrack(this.voice);
          }
        }
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        for (const c of this.pending.splice(0)) await pc.addIceCandidate(c);
        await this.o.send({ kind: 'answer', sdp: answer.sdp ?? '' });
        if (this.state === 'waiting') this.set('connecting');
      } else if (s.kind === 'candidate') {
        const c = { candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex };
        if (this.pc?.remoteDescription) await this.pc.addIceCandidate(c);
        else this.pending.push(c);
      } else if (s.kind === 'bye') {
        this.dropPeer();
        this.set('waiting');
      }
    } catch (e) {
      this.o.onError?.(e);
    }
  }

  /** Speak to this site (a microphone track), or stop (null). */
  async speak(track: MediaStreamTrack | null): Promise<void> {
    this.voice = this.o.speaks ? track : null;
    for (const t of this.pc?.getTransceivers() ?? []) if (t.receiver.track.kind === 'audio' && t.direction === 'sendrecv') await t.sender.replaceTrack(this.voice);
  }

  get connection(): RTCPeerConnection | undefined {
    return this.pc;
  }

  get current(): ReceiverState {
    return this.state;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.again);
    const had = this.pc !== undefined;
    this.dropPeer();
    if (had) await this.o.send({ kind: 'bye' }).catch(() => undefined);
  }

  private newPeer(): RTCPeerConnection {
    this.dropPeer();
    const pc = new RTCPeerConnection({ iceServers: this.o.iceServers() });
    this.pc = pc;
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.o.send({ kind: 'candidate', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex }).catch((err: unknown) => this.o.onError?.(err));
    };
    pc.ontrack = (e) => this.o.onStream(e.streams[0] ?? new MediaStream([e.track]));
    pc.oniceconnectionstatechange = () => {
      const st = pc.iceConnectionState;
      if (st === 'connected' || st === 'completed') this.set('live');
      else if (st === 'disconnected' || st === 'failed') this.set('cut');
    };
    return pc;
  }

  private dropPeer(): void {
    if (!this.pc) return;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.close();
    this.pc = undefined;
    this.pending = [];
    this.o.onStream(null);
  }

  private set(s: ReceiverState): void {
    if (s === this.state) return;
    this.state = s;
    this.stateSince = Date.now();
    this.o.onState(s);
  }
}
