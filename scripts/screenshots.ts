// Screenshots of the wall for docs/, from a real console in Chromium through the web host:
//  - the wall at 1920×1080 and 3840×2160 (embedded demo hub);
//  - offline from a hub, with a comment waiting in the outbox on the ticket card;
//  - a dispatch meeting: the chair's screen and a station's ringing screen.
// Run: npm run screenshots   (after npm run build)
import path from 'node:path';
import { generateTokens } from '../hub/auth';
import { generateTickets } from '../hub/demo/ticket-generator';
import { startHub } from '../hub/hub-server';
import { launchChromium } from '../e2e/support/browser';
import { ROOT, startTestConsole } from '../e2e/support/console';
import { startCuttingProxy } from '../test/support/tcp-proxy';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { DIVISIONS } from '../shared/domain/divisions';

const SIZES: [number, number][] = [
  [1920, 1080],
  [3840, 2160],
];
const out = (name: string) => path.join(ROOT, 'docs', name);

async function main(): Promise<void> {
  const browser = await launchChromium();
  const con = await startTestConsole();
  try {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height }, locale: 'zh-CN' });
      await page.goto(con.host.wallUrl);
      await page.locator('[data-ticket]').first().waitFor();
      await page.getByTestId('count-open').locator('.tile-value').filter({ hasText: /\d/ }).waitFor();
      await page.getByTestId('map-count').waitFor();
      // Points are in; wait until the map has drawn its sources (the overdue halo keeps it repainting).
      await page.waitForFunction(() => {
        const map = (window as unknown as { __liandongMap?: { isSourceLoaded(id: string): boolean } }).__liandongMap;
        return !!map && map.isSourceLoaded('tickets') && map.isSourceLoaded('areas');
      });
      await page.locator('[data-heat-cells]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: out(`wall-${width}x${height}.png`) });
      console.log(`wrote docs/wall-${width}x${height}.png`);
      await page.getByTestId('view-kpi').click();
      await page.getByTestId('kpi-ranking').locator('tbody tr').first().waitFor();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await page.screenshot({ path: out(`wall-kpi-${width}x${height}.png`) });
      console.log(`wrote docs/wall-kpi-${width}x${height}.png`);
      await page.close();
    }
  } finally {
    await con.stop();
  }

  await meetingShots(browser);

  const hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
  await hub.ingest(generateTickets(3000, { now: Date.now(), seed: 21 }));
  const proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
  const hubCon = await startTestConsole({ LIANDONG_HUB_URL: proxy.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token });
  try {
    await hubCon.service.sync.whenCursorAtLeast(hub.store.head);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await page.goto(hubCon.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    proxy.down();
    await page.getByTestId('offline-banner').waitFor();
    await page.locator('[data-ticket]').nth(1).click();
    await page.getByTestId('comment-input').fill('网格员已在现场,正在核实');
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('ticket-card').getByTestId('outbox-pending').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: out('wall-offline-card.png') });
    console.log('wrote docs/wall-offline-card.png');
    await page.close();
  } finally {
    await hubCon.stop();
    await proxy.close();
    await hub.close();
    await browser.close();
  }
}

async function meetingShots(browser: Browser): Promise<void> {
  const chair = await startTestConsole();
  const renggang = DIVISIONS.subDistricts.find((d) => d.shortName === '任港')!.code;
  const now = Date.now();
  const [r] = generateTickets(1, { now, seed: 31 });
  await chair.service.embedded!.hub.ingest([
    { ...r!, ticket: { ...r!.ticket, ticketNo: '12345-20261124-000188', summary: '雨后小区地下车库积水严重，居民车辆无法进出', address: '崇川区任港街道任港路 12 号', category: 'drains', subDistrictCode: renggang, communityCode: null, whistleLevel: 'difficult', cross: { region: false, level: true, department: true }, status: 'dispatched', receivedAt: now - 9 * 86_400_000, deadlineAt: now - 2 * 86_400_000 } },
  ]);
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  const station = await startTestConsole({ LIANDONG_HUB_URL: chair.service.embedded!.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', renggang), LIANDONG_ROLE: 'station', LIANDONG_STATION: renggang });
  try {
    const agenda = (await chair.service.meetings.suggestAgenda(6)).map((s) => ({ ticketNo: s.ticketNo, reasons: s.reasons, sub: s.subDistrictCode }));
    const meetingId = randomUUID();
    const stations = [...new Set([renggang, ...agenda.map((a) => a.sub)])];
    await chair.service.meetings.act({ op: 'create', meetingId, kind: 'onlineCheck', title: '11月24日 线上核查点调会', agenda: agenda.map(({ sub: _s, ...a }) => a), invitees: { stations, departments: ['区城管局', '区住建局', '区水务局'], deputies: ['区人大代表 张某', '防汛工作专班'] } });
    await chair.service.meetings.act({ op: 'start', meetingId });
    await chair.service.meetings.act({ op: 'rollCall', meetingId });
    await station.service.meetings.act({ op: 'answer', meetingId, note: '任港街道收到！' });
    const stationPage = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await stationPage.goto(station.host.wallUrl);
    await chair.service.meetings.act({ op: 'call', meetingId, stationCode: renggang, ticketNo: agenda[0]!.ticketNo });
    await stationPage.getByTestId('incoming-call').waitFor();
    await stationPage.evaluate(() => document.fonts.ready);
    await stationPage.screenshot({ path: out('meeting-station-ringing-1920x1080.png') });
    console.log('wrote docs/meeting-station-ringing-1920x1080.png');
    await stationPage.getByTestId('call-ack').click();
    await station.service.meetings.act({ op: 'report', meetingId, ticketNo: agenda[0]!.ticketNo, note: '网格员已在现场。车库积水约 30 厘米，已设警示、抽排中；排水管网需改造。', photos: [] });
    await chair.service.meetings.decide({ ticketNo: agenda[0]!.ticketNo, meetingId, leadDepartment: '区住建局', coDepartments: ['区水务局', '任港街道'], deadlineAt: now + 5 * 86_400_000, supervisor: '区人大代表 张某', responsibility: 'assigned', notes: '一周内完成排水改造，期间每日抽排' });
    const chairPage = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await chairPage.goto(`${chair.host.wallUrl}&view=meeting`);
    await chairPage.getByTestId('decision-state').filter({ hasText: '已决定' }).waitFor();
    await chairPage.getByTestId('site-report').waitFor();
    await chairPage.evaluate(() => document.fonts.ready);
    await chairPage.screenshot({ path: out('meeting-chair-1920x1080.png') });
    console.log('wrote docs/meeting-chair-1920x1080.png');
    await chairPage.close();
    await stationPage.close();
  } finally {
    await station.stop();
    await chair.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
