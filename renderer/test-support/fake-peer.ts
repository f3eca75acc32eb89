/**
 * A stand-in for RTCPeerConnection, for the live link's two state machines (link-receiver, site-sender) under
 * fake timers: it records what was asked of it and lets a test move its ICE state. Only what those two use.
 */
type Handler<E> = ((e: E) => void) | null;

export class FakePeer {
  static made: FakePeer[] = [];
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  offers: (RTCOfferOptions | undefined)[] = [];
  tracks: unknown[] = [];
  closed = false;
  onicecandidate: Handler<{ candidate: RTCIceCandidateInit | null }> = null;
  ontrack: Handler<{ track: { kind: string }; streams: unknown[] }> = null;
  oniceconnectionstatechange: Handler<void> = null;
  private readonly transceivers = [{ receiver: { track: { kind: 'audio' } }, direction: 'recvonly', sender: { track: null as unknown, replaceTrack: async (t: unknown) => void (this.transceivers[0]!.sender.track = t) } }];

  constructor(readonly config: RTCConfiguration) {
    FakePeer.made.push(this);
  }

  async createOffer(options?: RTCOfferOptions) {
    this.offers.push(options);
    return { type: 'offer' as const, sdp: `offer ${this.offers.length}` };
  }
  async createAnswer() {
    return { type: 'answer' as const, sdp: 'answer' };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.localDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.remoteDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate() {}
  addTrack(track: unknown) {
    this.tracks.push(track);
  }
  getTransceivers() {
    return this.transceivers;
  }
  getSenders() {
    return [];
  }
  close() {
    this.closed = true;
    this.signalingState = 'closed';
  }
  /** The network moves the link to `state`. */
  ice(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.oniceconnectionstatechange?.();
  }
}

/** Install the fake as the global RTCPeerConnection (and MediaStream, for ontrack); returns the undo. */
export function installFakePeers(): () => void {
  const g = globalThis as Record<string, unknown>;
  const before = { pc: g.RTCPeerConnection, ms: g.MediaStream };
  FakePeer.made = [];
  g.RTCPeerConnection = FakePeer;
  g.MediaStream = class {
    constructor(readonly tracks: unknown[] = []) {}
    getTracks() {
      return this.tracks;
    }
  };
  return () => {
    g.RTCPeerConnection = before.pc;
    g.MediaStream = before.ms;
  };
}
