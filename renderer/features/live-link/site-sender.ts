/**
 * The site's end of a live link (a station's console, or the grid worker's phone page): sends the camera and
 * microphone to every receiver that says hello (the chair's screens, a wall the link is up on), one peer
 * connection each, and plays what the chair says. The site always offers; after a cut it restarts ICE by itself
 * (on `disconnected` after a short grace, at once on `failed`, and whenever its signalling is back), so the
 * chair does nothing for the link to come back.
 *
 * Transport-agnostic: `send` carries a message to an end (the console's contract, or the phone's socket).
 */
import type { LinkSignalBody, LinkSignalPush } from '../../../shared/live-link';

export type SiteSenderState = { receivers: number; connected: number; cut: boolean };

export type SiteSenderOptions = {
  send: (to: string, signal: LinkSignalBody) => Promise<unknown>;
  iceServers: () => RTCIceServer[];
  /** The chair's voice (a stream per receiver that speaks; the chair speaks to one site at a time). */
  onVoice?: (stream: MediaStream | null) => void;
  onState?: (s: SiteSenderState) => void;
  /** How long `disconnected` may last before ICE is restarted (a brief loss often recovers by itself), and how
   * often the restart is tried again while the link stays down (its offer may not get through while the
   * network is cut). */
  restartAfterMs?: number;
  /** A receiver whose link stays down this long is let go (a screen closed without saying bye); a receiver that is
   * still there says hello again and gets a new offer. */
  giveUpAfterMs?: number;
  onError?: (e: unknown) => void;
};

type Peer = { pc: RTCPeerConnection; pending: RTCIceCandidateInit[]; restartTimer?: ReturnType<typeof setInterval> };

export class SiteSender {
  private readonly peers = new Map<string, Peer>();
  private stopped = false;

  constructor(
    private stream: MediaStream,
    private readonly o: SiteSenderOptions,
  ) {}

  /** Say the site is up: every receiver answers hello, and gets an offer. */
  start(): Promise<unknown> {
    return this.o.send('receivers', { kind: 'hello' });
  }

  /** A message from a receiver. */
  async handle(p: LinkSignalPush): Promise<void> {
    if (this.stopped || p.to === 'receivers' || p.from === 'site') return;
    const s = p.signal;
    try {
      if (s.kind === 'hello') {
        // A receiver answering the site's own hello after a signalling blip, its media still flowing: kept as it is.
        const st = this.peers.get(p.from)?.pc.iceConnectionState;
        if (st === 'connected' || st === 'completed') return;
        return await this.offer(p.from, false);
      }
      const peer = this.peers.get(p.from);
      if (!peer) return;
      if (s.kind === 'answer') {
        if (peer.pc.signalingState !== 'have-local-offer') return;
        await peer.pc.setRemoteDescription({ type: 'answer', sdp: s.sdp });
        for (const c of peer.pending.splice(0)) await peer.pc.addIceCandidate(c);
      } else if (s.kind === 'candidate') {
        const c = { candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex };
        if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(c);
        else peer.pending.push(c);
      } else if (s.kind === 'bye') {
        this.drop(p.from);
      }
    } catch (e) {
      this.o.onError?.(e);
    }
  }

  /** The signalling is back after a cut: every peer not connected restarts ICE (the receivers' hellos may also come). */
  reconnected(): void {
    for (const [to, peer] of this.peers) if (peer.pc.iceConnectionState !== 'connected' && peer.pc.iceConnectionState !== 'completed') void this.offer(to, true).catch((e: unknown) => this.o.onError?.(e));
  }

  /** Another camera (front/back) or microphone: replaced on every peer without renegotiating. */
  async replaceStream(stream: MediaStream): Promise<void> {
    this.stream = stream;
    for (const { pc } of this.peers.values()) {
      for (const sender of pc.getSenders()) {
        const kind = sender.track?.kind;
        const next = stream.getTracks().find((t) => t.kind === kind);
        if (next) await sender.replaceTrack(next);
      }
    }
  }

  get receivers(): string[] {
    return [...this.peers.keys()];
  }

  /** Peer connections, for the stats (and tests). */
  connections(): RTCPeerConnection[] {
    return [...this.peers.values()].map((p) => p.pc);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const ends = [...this.peers.keys()];
    for (const to of ends) this.drop(to);
    await Promise.allSettled(ends.map((to) => this.o.send(to, { kind: 'bye' })));
  }

  /** Offer to `to`: a new peer (a receiver that said hello starts afresh), or an ICE restart of the one it has. */
  private async offer(to: string, restart: boolean): Promise<void> {
    let peer = this.peers.get(to);
    if (!restart || !peer) {
      if (peer) this.drop(to);
      peer = this.newPeer(to);
    }
    const offer = await peer.pc.createOffer(restart ? { iceRestart: true } : undefined);
    await peer.pc.setLocalDescription(offer);
    await this.o.send(to, { kind: 'offer', sdp: offer.sdp ?? '' });
  }

  private newPeer(to: string): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.o.iceServers() });
    const peer: Peer = { pc, pending: [] };
    this.peers.set(to, peer);
    for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.o.send(to, { kind: 'candidate', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex }).catch((err: unknown) => this.o.onError?.(err));
    };
    pc.ontrack = (e) => {
      if (e.track.kind === 'audio') this.o.onVoice?.(e.streams[0] ?? new MediaStream([e.track]));
    };
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      if (state === 'disconnected' || state === 'failed') this.keepRestarting(to, peer, state === 'failed');
      else if (state === 'connected' || state === 'completed' || state === 'closed') {
        clearInterval(peer.restartTimer);
        peer.restartTimer = undefined;
      }
      this.report();
    };
    this.report();
    return peer;
  }

  /** Restart ICE (now, or after the grace) and again every so often until the peer is connected again. */
  private keepRestarting(to: string, peer: Peer, now: boolean): void {
    if (peer.restartTimer !== undefined) return;
    const every = this.o.restartAfterMs ?? 2000;
    const since = Date.now();
    const attempt = () => {
      const st = peer.pc.iceConnectionState;
      if (this.peers.get(to) !== peer || st === 'connected' || st === 'completed' || st === 'closed') return;
      if (Date.now() - since > (this.o.giveUpAfterMs ?? 60_000)) return this.drop(to);
      void this.offer(to, true).catch((e: unknown) => this.o.onError?.(e));
    };
    if (now) attempt();
    peer.restartTimer = setInterval(attempt, every);
  }

  private drop(to: string): void {
    const peer = this.peers.get(to);
    if (!peer) return;
    clearInterval(peer.restartTimer);
    peer.pc.onicecandidate = null;
    peer.pc.oniceconnectionstatechange = null;
    peer.pc.close();
    this.peers.delete(to);
    this.report();
  }

  private report(): void {
    const pcs = [...this.peers.values()].map((p) => p.pc.iceConnectionState);
    const connected = pcs.filter((s) => s === 'connected' || s === 'completed').length;
    this.o.onState?.({ receivers: pcs.length, connected, cut: pcs.some((s) => s === 'disconnected' || s === 'failed') });
  }
}
