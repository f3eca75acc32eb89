/**
 * What a tile says about its link, from WebRTC's statistics (RTCPeerConnection.getStats) — pure: two samples in,
 * the figures out. Frames decoded per second; the delay — the jitter buffer's (average over the frames it let go)
 * plus half the round trip of the candidate pair in use; the share of packets lost; and a bad-connection mark when
 * the picture stutters, lags or loses much.
 */

/** The parts of a stats report read here (RTCInboundRtpStreamStats, RTCIceCandidatePairStats). */
export type StatsEntry = {
  type: string;
  kind?: string;
  framesDecoded?: number;
  packetsReceived?: number;
  packetsLost?: number;
  jitterBufferDelay?: number;
  jitterBufferEmittedCount?: number;
  totalSamplesReceived?: number;
  bytesReceived?: number;
  currentRoundTripTime?: number;
  nominated?: boolean;
  state?: string;
  selected?: boolean;
};

export type StatsSample = { at: number; video?: StatsEntry; audio?: StatsEntry; pair?: StatsEntry };
export type LinkFigures = { fps: number; delayMs: number | null; rttMs: number | null; lossPct: number; audioArriving: boolean; bad: boolean };

/** Below these the tile is marked bad: the seed's meeting runs on a district network, 10 fps is already poor. */
export const BAD_FPS = 10;
export const BAD_DELAY_MS = 400;
export const BAD_LOSS_PCT = 5;

export function sampleOf(entries: Iterable<StatsEntry>, at: number): StatsSample {
  const s: StatsSample = { at };
  for (const e of entries) {
    if (e.type === 'inbound-rtp' && e.kind === 'video') s.video = e;
    else if (e.type === 'inbound-rtp' && e.kind === 'audio') s.audio = e;
    else if (e.type === 'candidate-pair' && (e.selected || (e.nominated && e.state === 'succeeded'))) s.pair = e;
  }
  return s;
}

const delta = (a: number | undefined, b: number | undefined) => Math.max(0, (b ?? 0) - (a ?? 0));

export function figures(prev: StatsSample | undefined, now: StatsSample): LinkFigures {
  const seconds = prev ? Math.max(0.001, (now.at - prev.at) / 1000) : 0;
  const fps = prev && seconds ? delta(prev.video?.framesDecoded, now.video?.framesDecoded) / seconds : 0;
  const emitted = delta(prev?.video?.jitterBufferEmittedCount, now.video?.jitterBufferEmittedCount);
  const buffered = delta(prev?.video?.jitterBufferDelay, now.video?.jitterBufferDelay);
  const rtt = now.pair?.currentRoundTripTime;
  const rttMs = rtt === undefined ? null : rtt * 1000;
  const bufferMs = emitted ? (buffered / emitted) * 1000 : null;
  const delayMs = bufferMs === null && rttMs === null ? null : (bufferMs ?? 0) + (rttMs ?? 0) / 2;
  const received = delta(prev?.video?.packetsReceived, now.video?.packetsReceived);
  const lost = delta(prev?.video?.packetsLost, now.video?.packetsLost);
  const lossPct = received + lost ? (lost / (received + lost)) * 100 : 0;
  const audioArriving = delta(prev?.audio?.totalSamplesReceived, now.audio?.totalSamplesReceived) > 0 || delta(prev?.audio?.bytesReceived, now.audio?.bytesReceived) > 0;
  const bad = Boolean(prev) && (fps < BAD_FPS || (delayMs ?? 0) > BAD_DELAY_MS || lossPct > BAD_LOSS_PCT);
  return { fps: Math.round(fps * 10) / 10, delayMs: delayMs === null ? null : Math.round(delayMs), rttMs: rttMs === null ? null : Math.round(rttMs), lossPct: Math.round(lossPct * 10) / 10, audioArriving, bad };
}

/** A sample of a peer connection now. */
export async function sample(pc: RTCPeerConnection, at = performance.now()): Promise<StatsSample> {
  const report = await pc.getStats();
  return sampleOf(report.values() as Iterable<StatsEntry>, at);
}
