/**
 * 现场连线 through a network cut (Chromium, fake camera): the station's screen runs on a second host — a network
 * namespace joined by a veth pair — and the pair's link is cut in the middle of a live link. Both ends say so,
 * the meeting goes on, and once the network is back the link comes back by itself (the site restarts ICE),
 * without the chair doing anything; the meeting records the cut.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import type { TicketRecord } from '../shared/domain/ticket';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';
import { createSiteNetwork, siteNetworkUnavailable, type SiteNetwork } from './support/site-network';

const RG = '320613003';
const TICKETS = ['CUT-RG-1', 'CUT-RG-2'];
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
const unavailable = siteNetworkUnavailable();
if (unavailable) console.log(`[e2e] live-link cut skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('现场连线 through a network cut', () => {
  let net: SiteNetwork;
  let chair: TestConsole;
  let station: TestConsole;
  let chairBrowser: Browser;
  let siteBrowser: Browser;
  const meetingId = randomUUID();

  beforeAll(async () => {
    net = createSiteNetwork();
    chair = await startTestConsole();
    const recs: TicketRecord[] = generateTickets(2, { now: Date.now(), seed: 23 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: TICKETS[i]!, subDistrictCode: RG, communityCode: null, whistleLevel: 'difficult', status: 'onSite' } }));
    await chair.service.embedded!.hub.ingest(recs);
    await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
    // The station's console serves its screen on the second host's side of the pair.
    station = await startTestConsole({ LIANDONG_HUB_URL: chair.service.embedded!.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', RG), LIANDONG_ROLE: 'station', LIANDONG_STATION: RG }, { webHostAddress: net.hostAddress });
    chairBrowser = await launchChromium(FAKE_MEDIA);
    // A page from a LAN address over plain http is not a secure context (no camera): the test's own origin is
    // treated as one, as a console served over https or from the Electron shell is.
    siteBrowser = await launchChromium([...FAKE_MEDIA, `--unsafely-treat-insecure-origin-as-secure=${new URL(station.host.wallUrl).origin}`], net.chromium);
    await chair.service.meetings.act({ op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda: TICKETS.map((ticketNo) => ({ ticketNo, reasons: ['difficult'] })), invitees: { stations: [RG], departments: [], deputies: [] } });
    await chair.service.meetings.act({ op: 'start', meetingId });
  });
  afterAll(async () => {
    await siteBrowser?.close();
    await chairBrowser?.close();
    await station?.stop();
    await chair?.stop();
    net?.remove();
  });

  it('says so at both ends, keeps the meeting going, and comes back by itself when the network returns', async () => {
    const chairPage: Page = await (await chairBrowser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await chairPage.goto(`${chair.host.wallUrl}&view=meeting`);
    const sitePage: Page = await (await siteBrowser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    expect(station.host.wallUrl).toContain(net.hostAddress);
    await sitePage.goto(`${station.host.wallUrl}&view=meeting`);

    await chairPage.getByTestId('link-open-console').click();
    await sitePage.getByTestId('station-link-start').click();
    const tile = chairPage.getByTestId('live-tile');
    const frames = () => tile.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
    await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('live');

    net.cut();
    // Both ends say so.
    await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('cut');
    await expect(tile.textContent()).resolves.toContain('连线中断');
    await expect.poll(() => sitePage.getByTestId('station-link-state').textContent(), { timeout: 30_000 }).toContain('连线中断');
    // The meeting goes on meanwhile: the chair moves to the next item; the link stays open.
    await chairPage.locator(`.agenda button[data-ticket-no="${TICKETS[1]}"]`).click();
    await chairPage.locator(`[data-testid="meeting-current"][data-ticket-no="${TICKETS[1]}"]`).waitFor();
    await expect.poll(() => chair.service.meetings.current(meetingId)!.links[0]!.cuts).toBe(1);

    net.restore();
    // Back without the chair doing anything.
    await expect.poll(() => tile.getAttribute('data-state'), { timeout: 60_000 }).toBe('live');
    const before = await frames();
    await expect.poll(frames).toBeGreaterThan(before + 10);
    await expect.poll(() => sitePage.getByTestId('station-link-state').textContent(), { timeout: 30_000 }).toContain('正在传送');
    const link = chair.service.meetings.current(meetingId)!.links[0]!;
    expect([link.live, link.cuts, link.endedAt]).toEqual([true, 1, null]);
  });
});
