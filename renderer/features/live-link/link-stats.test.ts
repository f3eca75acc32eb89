import { describe, expect, it } from 'vitest';
import { figures, sampleOf, type StatsEntry } from './link-stats';

const at = (t: number, framesDecoded: number, jb: number, emitted: number, rtt: number, recv = 1000, lost = 0, samples = 0): StatsEntry[] => [
  { type: 'inbound-rtp', kind: 'video', framesDecoded, jitterBufferDelay: jb, jitterBufferEmittedCount: emitted, packetsReceived: recv, packetsLost: lost },
  { type: 'inbound-rtp', kind: 'audio', totalSamplesReceived: samples },
  { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt },
  { type: 'candidate-pair', nominated: false, state: 'failed', currentRoundTripTime: 9 },
];

describe('a live tile’s figures from getStats', () => {
  it('counts frames decoded per second and the delay: jitter buffer per frame plus half the round trip', () => {
    const a = sampleOf(at(0, 100, 4, 100, 0.02), 0);
    const b = sampleOf(at(0, 160, 7.6, 160, 0.02, 1500, 0, 48_000), 2000);
    expect(figures(a, b)).toEqual({ fps: 30, delayMs: 70, rttMs: 20, lossPct: 0, audioArriving: true, bad: false });
  });

  it('marks a link bad when it stutters, lags or loses much; says nothing about a first sample', () => {
    const a = sampleOf(at(0, 100, 4, 100, 0.02), 0);
    expect(figures(undefined, a).bad).toBe(false);
    expect(figures(a, sampleOf(at(0, 110, 4.5, 110, 0.02, 1100), 2000)).bad).toBe(true); // 5 fps
    expect(figures(a, sampleOf(at(0, 160, 34, 160, 0.02, 1500), 2000))).toMatchObject({ delayMs: 510, bad: true });
    expect(figures(a, sampleOf(at(0, 160, 7.6, 160, 0.02, 1450, 50), 2000))).toMatchObject({ lossPct: 10, bad: true, audioArriving: false });
  });
});
