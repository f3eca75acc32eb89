/**
 * 现场连线 end to end (Chromium with its fake camera and microphone, web host): a chair console and two station
 * consoles (任港, 城东) on one hub, and a grid worker's phone for 和平桥 opening its one-time site link. The chair
 * links the three sites at once; each tile decodes frames and the chair hears each site; the chair speaks to
 * 任港 only, and only 任港 hears it; a snapshot of a tile lands in the ticket's site reports; a link put up on the
 * wall plays on a read-only wall screen; a second phone with
 * the same link is refused; an uninvited station and a viewer can neither signal on a link nor hear its signalling.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS } from '../shared/domain/divisions';
import type { LinkSignalPush } from '../shared/live-link';
import { connectMeetingClient, type MeetingClient } from '../test/support/meeting-client';
import { launchChromium } from './support/browser';
import type { TestConsole } from './support/console';
import { FAKE_MEDIA, goToItem, linkConsole, linkPhone, liveTile as tile, meetingUrl, phoneViewport, startLinkMeeting, type LinkMeeting } from './support/link-meeting';
import { inboundAudio, inboundVideo, recordPeerConnections } from './support/peer-stats';

const code = (short: string) => DIVISIONS.subDistricts.find((s) => s.shortName === short)!.code;
const [RG, CD, HPQ, XF] = ['任港', '城东', '和平桥', '幸福'].map(code) as [string, string, string, string];

let browser: Browser;
let m: LinkMeeting;
let chair: TestConsole;
let meetingId: string;
let TICKETS: string[];

beforeAll(async () => {
  m = await startLinkMeeting({ invited: [RG, CD, HPQ], consoles: [RG, CD], prefix: 'LINK' });
  chair = m.chair;
  meetingId = m.meetingId;
  TICKETS = [RG, CD, HPQ].map((c) => m.ticketOf.get(c)!);
  browser = await launchChromium(FAKE_MEDIA);
});
afterAll(async () => {
  await browser?.close();
  await m?.stop();
});

async function context(viewport = { width: 1920, height: 1080 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  await recordPeerConnections(ctx);
  return ctx;
}
async function open(url: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await context(viewport)).newPage();
  await page.goto(url);
  return page;
}
const meetingPage = (con: TestConsole) => open(meetingUrl(con));

describe('现场连线', () => {
  let chairPage: Page;
  let rgPage: Page;
  let cdPage: Page;
  let phone: Page;

  it('links three sites at once — two station consoles and a grid worker’s phone — each decoding frames, each heard at the chair', async () => {
    chairPage = await meetingPage(chair);
    rgPage = await meetingPage(m.stations.get(RG)!);
    cdPage = await meetingPage(m.stations.get(CD)!);

    // Item 1 (任港): linked to the station's console, which starts sending when the station presses 开始连线.
    await chairPage.locator(`[data-testid="meeting-current"][data-ticket-no="${TICKETS[0]}"]`).waitFor();
    await linkConsole(chairPage, rgPage);
    // Item 2 (城东): the same.
    await goToItem(chairPage, TICKETS[1]!);
    await linkConsole(chairPage, cdPage);
    // Item 3 (和平桥): a phone link; the grid worker opens the one-time link shown in the tile.
    await goToItem(chairPage, TICKETS[2]!);
    const linked = await linkPhone(chairPage, HPQ, () => context(phoneViewport));
    expect(linked.url).toMatch(/\/site\/#site_[A-Za-z0-9_-]{43}$/);
    phone = linked.phone;

    for (const station of [RG, CD, HPQ]) {
      await expect.poll(() => tile(chairPage, station).getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
      // Frames decoded in the tile's video element, and going on.
      const frames = () => tile(chairPage, station).getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
      const before = await frames();
      await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(before + 10);
    }
    // The chair hears every site: audio samples arrive on each of its three peer connections.
    await expect.poll(async () => (await inboundAudio(chairPage)).filter((a) => a.totalSamplesReceived > 0).length, { timeout: 20_000 }).toBe(3);
    expect((await inboundVideo(chairPage)).filter((v) => v.framesDecoded > 0)).toHaveLength(3);
    // The meeting records them live.
    await expect.poll(() => chair.service.meetings.current(meetingId)!.links.filter((l) => l.live).length, { timeout: 20_000 }).toBe(3);
  });

  it('keeps the links through the chair’s and a station’s views: looking at the map does not cut a site', async () => {
    const made = (page: Page) => page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.length);
    const [chairPeers, rgPeers] = [await made(chairPage), await made(rgPage)];
    const cuts = chair.service.meetings.current(meetingId)!.links.map((l) => l.cuts);
    await chairPage.getByTestId('view-overview').click();
    await rgPage.getByTestId('view-kpi').click();
    await chairPage.locator('[data-ticket]').first().waitFor();
    // Meanwhile the chair's three peers still decode (their receivers are kept), the station still sends.
    const decoded = async () => (await inboundVideo(chairPage)).reduce((n, v) => n + v.framesDecoded, 0);
    const before = await decoded();
    await expect.poll(decoded, { timeout: 20_000 }).toBeGreaterThan(before + 30);
    await chairPage.getByTestId('view-meeting').click();
    await rgPage.getByTestId('view-meeting').click();
    await expect.poll(() => chairPage.locator('[data-testid="live-tile"][data-state="live"]').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => rgPage.getByTestId('station-link-state').textContent(), { timeout: 20_000 }).toContain('正在传送');
    expect([await made(chairPage), await made(rgPage)]).toEqual([chairPeers, rgPeers]);
    expect(chair.service.meetings.current(meetingId)!.links.map((l) => l.cuts)).toEqual(cuts);
  });

  it('sends the chair’s voice to the site it speaks to, and to no other', async () => {
    await tile(chairPage, RG).getByTestId('live-talk').click();
    await rgPage.getByTestId('station-chair-speaking').waitFor();
    await expect.poll(async () => (await inboundAudio(rgPage))[0]?.packetsReceived ?? 0, { timeout: 20_000 }).toBeGreaterThan(50);
    // 城东 and the phone at 和平桥 were never spoken to: nothing arrived on their audio lines.
    expect((await inboundAudio(cdPage))[0]?.packetsReceived ?? 0).toBe(0);
    expect((await inboundAudio(phone))[0]?.packetsReceived ?? 0).toBe(0);
    // Speaking to 城东 instead: 任港 stops receiving, 城东 starts.
    await tile(chairPage, CD).getByTestId('live-talk').click();
    await cdPage.getByTestId('station-chair-speaking').waitFor();
    await expect.poll(async () => (await inboundAudio(cdPage))[0]?.packetsReceived ?? 0, { timeout: 20_000 }).toBeGreaterThan(50);
    const rgNow = (await inboundAudio(rgPage))[0]!.packetsReceived;
    const cdNow = (await inboundAudio(cdPage))[0]!.packetsReceived;
    await expect.poll(async () => (await inboundAudio(cdPage))[0]!.packetsReceived, { timeout: 20_000 }).toBeGreaterThan(cdNow + 50);
    // (A few packets may have been on their way when the chair switched.)
    expect((await inboundAudio(rgPage))[0]!.packetsReceived - rgNow).toBeLessThan(10);
    expect((await inboundAudio(phone))[0]?.packetsReceived ?? 0).toBe(0);
  });

  it('takes a snapshot of a tile into the ticket’s site reports', async () => {
    await tile(chairPage, CD).getByTestId('live-snapshot').click();
    await tile(chairPage, CD).getByTestId('live-snapped').waitFor();
    await expect.poll(() => chair.service.meetings.current(meetingId)!.reports.filter((r) => r.ticketNo === TICKETS[1] && r.note.startsWith('现场连线截图')).length, { timeout: 20_000 }).toBe(1);
    const report = chair.service.meetings.current(meetingId)!.reports.find((r) => r.ticketNo === TICKETS[1])!;
    const photo = await chair.service.meetings.photo(meetingId, report.photoIds[0]!);
    expect(photo.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(report.stationCode).toBe(CD);
  });

  it('shows a link on the wall when the chair puts it up there (a read-only wall screen receives it)', async () => {
    const wall = await open(chair.host.viewerUrl);
    await wall.locator('.wall').waitFor();
    await expect(wall.getByTestId('wall-link').count()).resolves.toBe(0);
    await tile(chairPage, HPQ).getByTestId('live-wall').click();
    await expect.poll(() => wall.getByTestId('wall-link').getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    const frames = () => wall.locator('[data-testid="wall-link"] video').evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
    const before = await frames();
    await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(before + 10);
    await expect(wall.getByTestId('wall-link').textContent()).resolves.toContain(TICKETS[2]);
    // A wall screen on the meeting's view receives the wall's link only: no tiles of its own, never the chair's
    // buttons, never asks for a microphone (it is not the desk).
    const onMeeting = await open(`${chair.host.viewerUrl}&view=meeting`);
    await onMeeting.evaluate(() => {
      const w = window as unknown as { __asked: number };
      w.__asked = 0;
      const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = (c) => (w.__asked++, gum(c));
    });
    await expect.poll(() => onMeeting.getByTestId('wall-link').getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    await tile(chairPage, HPQ).getByTestId('live-talk').click();
    await phone.locator('#talking:not([hidden])').waitFor();
    expect(await onMeeting.getByTestId('live-tiles').count()).toBe(0);
    expect(await onMeeting.getByTestId('live-talk').count()).toBe(0);
    expect(await onMeeting.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    await tile(chairPage, HPQ).getByTestId('live-talk').click();
    await onMeeting.close();
    // Taken down: gone from the wall.
    await tile(chairPage, HPQ).getByTestId('live-wall').click();
    await expect.poll(() => wall.getByTestId('wall-link').count(), { timeout: 20_000 }).toBe(0);
    await wall.close();
  });

  it('refuses a second phone with the same site link, with its reason', async () => {
    const url = await phone.evaluate(() => location.href);
    const second = await open(url, phoneViewport);
    await expect.poll(() => second.locator('#banner').textContent(), { timeout: 20_000 }).toContain('该连线链接已在另一部手机上打开');
    await expect(second.getByTestId('site-start').isHidden()).resolves.toBe(true);
  });

  it('lets neither an uninvited station nor a viewer join a link or hear its signalling', async () => {
    const hub = chair.service.embedded!.hub;
    const outsiders: (MeetingClient & { heard: LinkSignalPush[] })[] = [];
    for (const token of [hub.tokens.byRole('station', XF)!.token, hub.tokens.byRole('viewer')!.token]) {
      const c = await connectMeetingClient(hub.url, token);
      const heard: LinkSignalPush[] = [];
      c.socket.on('linkSignal', (p: LinkSignalPush) => heard.push(p));
      outsiders.push(Object.assign(c, { heard }));
    }
    const links = chair.service.meetings.current(meetingId)!.links;
    for (const o of outsiders) {
      for (const l of links) {
        expect(await o.socket.emitWithAck('linkSignal', { meetingId, linkId: l.id, leg: 'x', to: 'site', signal: { kind: 'hello' } })).toMatchObject({ ok: false, error: { reason: 'notLinkParty' } });
      }
    }
    // The chair's screen asks every site for an offer again (an ICE exchange follows); the outsiders hear none of it.
    await chairPage.reload();
    for (const station of [RG, CD, HPQ]) await expect.poll(() => tile(chairPage, station).getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    for (const o of outsiders) {
      expect(o.heard).toEqual([]);
      o.socket.close();
    }
  });
});
