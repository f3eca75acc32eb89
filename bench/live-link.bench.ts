/**
 * p8, 现场连线 on this machine: a chair console and three station consoles on one hub (the chair's embedded
 * one), their screens in Chromium with its fake camera (640×480, 30 fps) and microphone, while a meeting load of
 * 100 events a second runs on the same hub (another meeting: the chair calls, stations answer, the current item
 * moves on, stations report from the site).
 *
 * - p8_link_join_ms: the chair clicks 连线 → the first frame decoded in the chair's tile (the station's screen
 *   presses 开始连线 as soon as the request shows: its own reaction is not in the figure); p95 over 20 joins.
 * - p8_link_fps: frames decoded per second in each tile with the three links live (getStats over 20 s): the
 *   lowest tile.
 * - p8_link_delay_ms: jitter buffer (per frame let go) plus half the round trip, from getStats: the highest tile.
 *
 * Baseline in the same run: two peer connections in one page joined directly (no hub, no consoles) — its first
 * frame, its frame rate, its delay — so each figure is also read as a ratio against bare WebRTC here.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectMeetingClient, type MeetingClient } from '../test/support/meeting-client';
import { launchChromium } from '../e2e/support/browser';
import { recordPeerConnections } from '../e2e/support/peer-stats';
import { FAKE_MEDIA, goToItem, meetingUrl, startLinkMeeting } from '../e2e/support/link-meeting';
import { DIVISIONS } from '../shared/domain/divisions';

const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);
const code = (short: string) => DIVISIONS.subDistricts.find((s) => s.shortName === short)!.code;

export type LiveLinkBenchResult = {
  p8_joins: number;
  p8_link_join_ms: number;
  p8_link_join_median_ms: number;
  p8_link_fps: number;
  p8_link_fps_tiles: number[];
  p8_link_delay_ms: number;
  p8_link_delay_tiles: number[];
  /** Video received per tile (kbit/s): what a mesh costs the site's uplink per receiver (docs/live-link.md). */
  p8_link_kbps_tiles: number[];
  p8_bare_first_frame_ms: number;
  p8_bare_fps: number;
  p8_bare_delay_ms: number;
  p8_join_ratio_vs_bare: number;
  p8_load_events_per_s: number;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** Frames per second and delay of a page's inbound video, over `ms` (getStats before and after). */
async function videoFigures(page: Page, select: string, ms: number): Promise<{ fps: number; delayMs: number; kbps: number }[]> {
  return page.evaluate(
    async ({ select, ms }) => {
      const pcs = (window as unknown as Record<string, RTCPeerConnection[]>)[select]!.filter((pc) => pc.connectionState === 'connected');
      const read = async (pc: RTCPeerConnection) => {
        const r = await pc.getStats();
        let v: Record<string, number> = {};
        let rtt = 0;
        r.forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') v = s as Record<string, number>;
          if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') rtt = Number(s.currentRoundTripTime ?? 0);
        });
        return { at: performance.now(), frames: v.framesDecoded ?? 0, jb: v.jitterBufferDelay ?? 0, emitted: v.jitterBufferEmittedCount ?? 0, bytes: v.bytesReceived ?? 0, rtt };
      };
      const before = await Promise.all(pcs.map(read));
      await new Promise((r) => setTimeout(r, ms));
      const after = await Promise.all(pcs.map(read));
      return after.map((a, i) => {
        const b = before[i]!;
        const emitted = a.emitted - b.emitted;
        return { fps: ((a.frames - b.frames) * 1000) / (a.at - b.at), kbps: ((a.bytes - b.bytes) * 8) / (a.at - b.at), delayMs: (emitted ? ((a.jb - b.jb) / emitted) * 1000 : 0) + (a.rtt * 1000) / 2 };
      });
    },
    { select, ms },
  );
}

/** Remember the page's peer connections (e2e/support/peer-stats.ts; the product has no hook). tsx (esbuild keepNames)
 * wraps functions passed to evaluate in `__name`: defined here, as wall.bench.ts does. */
async function recordPeers(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript('globalThis.__name = (f) => f;');
  await recordPeerConnections(ctx);
}

/** Bare WebRTC in one page: camera → peer A → peer B → video, signalled directly. */
async function bareBaseline(browser: Browser): Promise<{ firstFrameMs: number; fps: number; delayMs: number }> {
  const ctx = await browser.newContext();
  await recordPeers(ctx);
  const page = await ctx.newPage();
  // A page of a loopback origin (a secure context: the camera is offered), served by the browser's own routing.
  const url = 'http://127.0.0.1:9/bare.html';
  await page.route(url, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><video id="v" autoplay playsinline muted></video>' }));
  await page.goto(url);
  const firstFrameMs = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, frameRate: 30 }, audio: true });
    const t0 = performance.now();
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
    const v = document.getElementById('v') as HTMLVideoElement;
    const first = new Promise<number>((resolve) => {
      b.ontrack = (e) => {
        v.srcObject = e.streams[0]!;
        v.requestVideoFrameCallback(() => resolve(performance.now() - t0));
      };
    });
    stream.getTracks().forEach((t) => a.addTrack(t, stream));
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription!);
    return first;
  });
  const [fig] = (await videoFigures(page, '__peerConnections', 20_000)).filter((f) => f.fps > 0);
  await ctx.close();
  return { firstFrameMs, fps: fig?.fps ?? 0, delayMs: fig?.delayMs ?? 0 };
}

/** 100 meeting events a second on the hub, in a meeting of their own: calls answered, the item moving on, reports. */
async function meetingLoad(hubUrl: string, chairToken: string, stations: { code: string; token: string }[], ticketNos: string[], rate: number): Promise<{ stop(): Promise<number> }> {
  const chair = await connectMeetingClient(hubUrl, chairToken);
  const sts: MeetingClient[] = [];
  for (const s of stations) sts.push(await connectMeetingClient(hubUrl, s.token));
  const meetingId = randomUUID();
  await chair.op({ op: 'create', meetingId, kind: 'onlineCheck', title: '负载会商', agenda: ticketNos.map((ticketNo) => ({ ticketNo, reasons: ['chair'] })), invitees: { stations: stations.map((s) => s.code), departments: [], deputies: [] } });
  await chair.op({ op: 'start', meetingId });
  let events = 0;
  let i = 0;
  let running = true;
  const answered = new Set<string>();
  // Events the hub applied (its answer ok), not those sent.
  const accepted = (ack: { ok: boolean }) => {
    if (ack.ok) events++;
  };
  for (const [k, st] of sts.entries()) {
    st.onChange((m) => {
      if (m.id !== meetingId) return;
      for (const c of m.calls) {
        if (c.stationCode !== stations[k]!.code || c.answeredAt !== null || answered.has(c.id)) continue;
        answered.add(c.id);
        void st.op({ op: 'answer', meetingId, callId: c.id }).then(accepted, () => undefined);
      }
    });
  }
  // Open loop on a fixed schedule: each tick sends the events due by then (a late tick sends more), whatever the answers.
  const t0 = Date.now();
  const timer = setInterval(() => {
    // Answers to the calls count towards the rate (a quarter of the events are calls).
    const due = Math.floor(((Date.now() - t0) * rate) / 1000 / 1.25);
    while (running && i < due) {
      const n = i++;
      const st = n % stations.length;
      const sent =
        n % 4 === 0
          ? chair.op({ op: 'call', meetingId, stationCode: stations[st]!.code, ticketNo: ticketNos[n % ticketNos.length]! })
          : n % 4 === 1
            ? chair.op({ op: 'setCurrent', meetingId, index: n % ticketNos.length })
            : sts[st]!.op({ op: 'report', meetingId, ticketNo: ticketNos[n % ticketNos.length]!, note: `现场核实 ${n}` });
      sent.then(accepted, () => undefined);
    }
  }, 10);
  return {
    async stop() {
      running = false;
      clearInterval(timer);
      const rateSeen = (events * 1000) / (Date.now() - t0);
      chair.socket.close();
      sts.forEach((s) => s.socket.close());
      return rateSeen;
    },
  };
}

export async function runLiveLinkBench(joins = 20): Promise<LiveLinkBenchResult> {
  const codes = ['任港', '城东', '和平桥'].map(code);
  const m = await startLinkMeeting({ invited: codes, consoles: codes, prefix: 'P8', extra: 20, seed: 31 });
  const { chair } = m;
  const agenda = codes.map((c) => m.ticketOf.get(c)!);
  const browser = await launchChromium(FAKE_MEDIA);
  try {
    const bare = await bareBaseline(browser);
    log(`p8 baseline (bare WebRTC in one page): first frame ${round(bare.firstFrameMs)} ms, ${round(bare.fps)} fps, delay ${round(bare.delayMs)} ms`);
    const hub = chair.service.embedded!.hub;
    const load = await meetingLoad(hub.url, hub.tokens.byRole('chair')!.token, codes.map((c) => ({ code: c, token: hub.tokens.byRole('station', c)!.token })), m.extra, 100);
    // The screens show the newest meeting under way: the linked one is made again after the load's.
    const linked = randomUUID();
    await chair.service.meetings.act({ op: 'create', meetingId: linked, kind: 'onlineCheck', title: '线上核查点调会', agenda: agenda.map((ticketNo) => ({ ticketNo, reasons: ['difficult'] })), invitees: { stations: codes, departments: [], deputies: [] } });
    await chair.service.meetings.act({ op: 'start', meetingId: linked });

    const chairCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await recordPeers(chairCtx);
    const chairPage = await chairCtx.newPage();
    await chairPage.goto(meetingUrl(chair));
    const sitePages: Page[] = [];
    for (const s of m.stations.values()) {
      const siteCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await recordPeers(siteCtx);
      const page = await siteCtx.newPage();
      await page.goto(meetingUrl(s));
      // The station starts sending as soon as the chair's request shows (its reaction time is not measured).
      await page.evaluate(() => {
        new MutationObserver(() => (document.querySelector('[data-testid="station-link-start"]') as HTMLButtonElement | null)?.click()).observe(document.body, { childList: true, subtree: true });
      });
      sitePages.push(page);
    }

    // Joins: the first site, 20 times — open, first frame, end.
    const joinMs: number[] = [];
    await chairPage.locator(`[data-testid="meeting-current"][data-ticket-no="${agenda[0]}"]`).waitFor();
    for (let j = 0; j < joins; j++) {
      const ms = await chairPage.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            const watch = new MutationObserver(() => {
              const v = document.querySelector('[data-testid="live-video"]') as HTMLVideoElement | null;
              if (!v || (v as HTMLVideoElement & { __watched?: boolean }).__watched) return;
              (v as HTMLVideoElement & { __watched?: boolean }).__watched = true;
              const onFrame = () => (v.videoWidth ? (watch.disconnect(), resolve(performance.now() - t0)) : v.requestVideoFrameCallback(onFrame));
              v.requestVideoFrameCallback(onFrame);
            });
            watch.observe(document.body, { childList: true, subtree: true });
            (document.querySelector('[data-testid="link-open-console"]') as HTMLButtonElement).click();
          }),
      );
      joinMs.push(ms);
      await chairPage.getByTestId('live-end').click();
      await chairPage.getByTestId('live-tiles').waitFor({ state: 'detached' });
      await chairPage.locator('[data-testid="link-open-console"]:not([disabled])').waitFor();
    }
    log(`p8 joins: p95 ${round(pct(joinMs, 95))} ms, median ${round(pct(joinMs, 50))} ms over ${joins}`);

    // Three links live at once.
    for (const [i, no] of agenda.entries()) {
      await goToItem(chairPage, no);
      await chairPage.getByTestId('link-open-console').click();
      await chairPage.locator(`[data-testid="live-tile"][data-station="${codes[i]}"][data-state="live"]`).waitFor({ timeout: 60_000 });
    }
    const tiles = await videoFigures(chairPage, '__peerConnections', 20_000);
    if (tiles.length !== 3) throw new Error(`p8: ${tiles.length} of the three links connected at the chair`);
    const rate = await load.stop();
    const fps = tiles.map((t) => round(t.fps));
    const delays = tiles.map((t) => round(t.delayMs));
    const kbps = tiles.map((t) => Math.round(t.kbps));
    log(`p8 three links: fps ${fps.join(' / ')}, delay ${delays.join(' / ')} ms, ${kbps.join(' / ')} kbit/s; meeting load ${round(rate)} events/s`);
    return {
      p8_joins: joins,
      p8_link_join_ms: round(pct(joinMs, 95)),
      p8_link_join_median_ms: round(pct(joinMs, 50)),
      p8_link_fps: Math.min(...fps),
      p8_link_fps_tiles: fps,
      p8_link_delay_ms: Math.max(...delays),
      p8_link_delay_tiles: delays,
      p8_link_kbps_tiles: kbps,
      p8_bare_first_frame_ms: round(bare.firstFrameMs),
      p8_bare_fps: round(bare.fps),
      p8_bare_delay_ms: round(bare.delayMs),
      p8_join_ratio_vs_bare: round(pct(joinMs, 95) / bare.firstFrameMs),
      p8_load_events_per_s: round(rate),
    };
  } finally {
    await browser.close();
    await m.stop();
  }
}
