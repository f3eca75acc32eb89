/**
 * WebRTC statistics of a page, for tests: every RTCPeerConnection the page makes is remembered (an init script
 * wraps the constructor — the product has no test hook), and its inbound audio and video are read from getStats.
 */
import type { BrowserContext, Page } from 'playwright-core';

export async function recordPeerConnections(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = made;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

export type Inbound = { packetsReceived: number; bytesReceived: number; totalSamplesReceived: number; framesDecoded: number };

async function inbound(page: Page, kind: 'audio' | 'video'): Promise<Inbound[]> {
  return page.evaluate(async (k) => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState !== 'closed');
    const out: Inbound[] = [];
    for (const pc of pcs) {
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === k) out.push({ packetsReceived: Number(s.packetsReceived ?? 0), bytesReceived: Number(s.bytesReceived ?? 0), totalSamplesReceived: Number(s.totalSamplesReceived ?? 0), framesDecoded: Number(s.framesDecoded ?? 0) });
      });
    }
    return out;
  }, kind);
}

export const inboundAudio = (page: Page) => inbound(page, 'audio');
export const inboundVideo = (page: Page) => inbound(page, 'video');
