/**
 * 现场连线 through the district's TURN server: coturn (Debian's package) with the secret it shares with the hub,
 * and two peer connections in Chromium allowed to use relayed candidates only — so media flow only if coturn
 * accepts the credentials the hub issued (linkIce). A credential made with another secret is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { generateTokens } from '../hub/auth';
import { startHub, type Hub } from '../hub/hub-server';
import { HUB_SOCKET_NAMESPACE } from '../shared/hub-protocol';
import type { IceAnswer, IceServer } from '../shared/live-link';
import { launchChromium } from './support/browser';
import { FAKE_MEDIA } from './support/link-meeting';

const SECRET = 'district-turn-secret-for-this-test';
const turnserver = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v turnserver'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();
if (!turnserver) console.log('[e2e] TURN test skipped: coturn is not installed (`apt-get install -y coturn`; .ci/run does it)');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!turnserver)('现场连线 through TURN', () => {
  let coturn: ChildProcess;
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  let tokens: ReturnType<typeof generateTokens>;

  beforeAll(async () => {
    const port = await freePort();
    coturn = spawn(turnserver!, ['-n', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`, '--use-auth-secret', `--static-auth-secret=${SECRET}`, '--realm=liandong.test', '--no-cli', '--no-tls', '--no-dtls', '--allow-loopback-peers', '--min-port=49160', '--max-port=49300', '--log-file=stdout', '--simple-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      coturn.stdout!.on('data', (d) => {
        out += String(d);
        if (/Total (General|UDP|Auth) servers/i.test(out) || /IPv4\. UDP listener opened/i.test(out)) resolve();
      });
      coturn.once('exit', (code) => reject(new Error(`turnserver ended (exit ${code}): ${out.slice(-500)}`)));
    });
    tokens = generateTokens();
    hub = await startHub({ filename: ':memory:', tokens, turn: { urls: [`turn:127.0.0.1:${port}?transport=udp`], secret: SECRET } });
    browser = await launchChromium(FAKE_MEDIA);
    const ctx = await browser.newContext();
    page = await ctx.newPage();
    const url = 'http://127.0.0.1:9/turn.html';
    await page.route(url, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>turn</title>' }));
    await page.goto(url);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    coturn?.kill();
  });

  /** Two peers that may use relayed candidates only: the type of the pair they settle on. */
  const relayOnly = (iceServers: IceServer[]) =>
    page.evaluate(async (servers) => {
      const config: RTCConfiguration = { iceServers: servers, iceTransportPolicy: 'relay' };
      const a = new RTCPeerConnection(config);
      const b = new RTCPeerConnection(config);
      a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
      b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      stream.getTracks().forEach((t) => a.addTrack(t, stream));
      const settled = new Promise<string>((resolve) => {
        b.oniceconnectionstatechange = () => {
          if (b.iceConnectionState === 'connected' || b.iceConnectionState === 'completed') resolve('connected');
          if (b.iceConnectionState === 'failed') resolve('failed');
        };
      });
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription!);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription!);
      if ((await settled) !== 'connected') return 'failed';
      // The pair the ICE transport selected: at 'connected' it may not be chosen yet on a busy machine (the stats'
      // nominated flag lagged there), so wait for the transport's own event rather than read the stats at once.
      const ice = b.getTransceivers()[0]!.receiver.transport!.iceTransport;
      const pair = ice.getSelectedCandidatePair() ?? (await new Promise<RTCIceCandidatePair>((resolve) => ice.addEventListener('selectedcandidatepairchange', () => resolve(ice.getSelectedCandidatePair()!), { once: true })));
      const type = pair.local?.type ?? '';
      a.close();
      b.close();
      return type;
    }, iceServers);

  /** What gathering with these servers gives: relayed candidates, and the TURN server's refusals (error codes). */
  const gather = (iceServers: IceServer[]) =>
    page.evaluate(async (servers) => {
      const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
      const relayed: string[] = [];
      const errors: number[] = [];
      pc.onicecandidate = (e) => e.candidate && relayed.push(e.candidate.type ?? '');
      pc.onicecandidateerror = (e) => errors.push((e as RTCPeerConnectionIceErrorEvent).errorCode);
      const done = new Promise<void>((resolve) => (pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve()));
      pc.addTransceiver('video');
      await pc.setLocalDescription(await pc.createOffer());
      await done;
      pc.close();
      return { relayed: relayed.length, errors };
    }, iceServers);

  it('relays media with the credentials the hub issues, and coturn refuses others', async () => {
    const socket = io(hub.url + HUB_SOCKET_NAMESPACE, { auth: { token: tokens.find((t) => t.role === 'chair')!.token }, transports: ['websocket'], reconnection: false });
    const answer: IceAnswer = await socket.emitWithAck('linkIce', {});
    socket.close();
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.iceServers[0]!.urls[0]).toMatch(/^turn:127\.0\.0\.1:\d+\?transport=udp$/);
    expect(await relayOnly(answer.iceServers)).toBe('relay');
    // A credential not made with the shared secret: coturn answers 401 and relays nothing.
    expect(await gather([{ ...answer.iceServers[0]!, credential: 'bm90IHRoZSBzZWNyZXQ=' }])).toEqual({ relayed: 0, errors: [401] });
    expect((await gather(answer.iceServers)).relayed).toBeGreaterThan(0);
  });
});
