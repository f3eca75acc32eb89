// Screenshots for docs/screens/, from real consoles in Chromium through the web host, at 1920×1080 (PNG) and
// 3840×2160 (JPEG, to keep the repository small), in Chinese and English:
//  - overview: warnings showing and a ticket's card open (an overdue ticket, marked on the map);
//  - kpi, warnings (a warning's matter open), settings;
//  - meeting-chair (a meeting under way: a site report in, a decision recorded) and meeting-station (its agenda);
//  - offline (the hub out of reach, a comment waiting in the outbox);
//  - map-placement (1920×1080, Chinese only: the overview with hollow points of tickets placed from their address,
//    the legend's key for them, and the count of those not placed);
//  - live-link-chair (1920×1080: the chair's meeting with three live sites — two station consoles and a grid
//    worker's phone, Chromium's fake camera) and live-link-phone (the phone's page, 390×844, Chinese only).
// Run: npm run screenshots   (after npm run build). Only some: npm run screenshots -- overview kpi
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateTokens } from '../hub/auth';
import { generateTickets } from '../hub/demo/ticket-generator';
import { startHub } from '../hub/hub-server';
import { DIVISIONS } from '../shared/domain/divisions';
import { launchChromium } from '../e2e/support/browser';
import { ROOT, startTestConsole, type TestConsole } from '../e2e/support/console';
import { startCuttingProxy } from '../test/support/tcp-proxy';
import { FAKE_MEDIA, goToItem, linkConsole, linkPhone, liveTile, meetingUrl, phoneViewport, startLinkMeeting } from '../e2e/support/link-meeting';

const SIZES = [
  [1920, 1080],
  [3840, 2160],
] as const;
const LANGS = ['zh-CN', 'en'] as const;
type Lang = (typeof LANGS)[number];
/** SHOTS_DIR: somewhere else, every shot as PNG (to look at a 4K shot without a JPEG viewer). */
const DIR = process.env.SHOTS_DIR ?? path.join(ROOT, 'docs', 'screens');
const jpeg = (width: number) => width > 1920 && !process.env.SHOTS_DIR;
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => !only.size || only.has(name);

async function shoot(page: Page, name: string, lang: Lang, named?: string): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const file = named ?? `${name}-${lang === 'en' ? 'en' : 'zh'}-${width}x${height}.${jpeg(width) ? 'jpg' : 'png'}`;
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(DIR, file), animations: 'disabled', ...(jpeg(width) ? { type: 'jpeg' as const, quality: 85 } : {}) });
  console.log(`wrote ${path.relative(ROOT, path.join(DIR, file))}`);
}

async function openWall(browser: Browser, con: TestConsole, width: number, height: number, lang: Lang, view = 'overview'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, locale: lang });
  await page.goto(`${con.host.wallUrl}&view=${view}${lang === 'en' ? '&lang=en' : ''}`);
  await page.locator('.wall-header').waitFor();
  return page;
}

/** The map has drawn its areas and points (its overdue halo keeps it repainting: "idle" never comes). */
async function mapDrawn(page: Page): Promise<void> {
  await page.getByTestId('map-count').waitFor();
  await page.waitForFunction(() => {
    const map = (window as unknown as { __liandongMap?: { isSourceLoaded(id: string): boolean; queryRenderedFeatures(o: unknown): unknown[] } }).__liandongMap;
    return !!map && map.isSourceLoaded('tickets') && map.isSourceLoaded('areas') && map.queryRenderedFeatures({ layers: ['points', 'clusters'] }).length > 20;
  });
  await page.locator('[data-heat-cells]').waitFor();
}

/** The chair's console over the demo hub (its history raises a warning by itself) and a meeting under way with a
 * station (任港) that has answered, reported from the site and been given a decision. */
async function chairAndStation(): Promise<{ chair: TestConsole; station: TestConsole; stop(): Promise<void> }> {
  const chair = await startTestConsole();
  const hub = chair.service.embedded!.hub;
  const renggang = DIVISIONS.subDistricts.find((d) => d.shortName === '任港')!;
  const now = Date.now();
  const [r] = generateTickets(1, { now, seed: 31 });
  await hub.ingest([
    { ...r!, ticket: { ...r!.ticket, ticketNo: '12345-20261124-0000188', summary: '雨后小区地下车库积水严重，居民车辆无法进出', address: '崇川区任港街道任港路 12 号', category: 'drains', subDistrictCode: renggang.code, communityCode: null, whistleLevel: 'difficult', cross: { region: false, level: true, department: true }, status: 'dispatched', handlingUnit: '住建局', receivedAt: now - 9 * 86_400_000, deadlineAt: now - 2 * 86_400_000 - 3 * 3_600_000 } },
  ]);
  await chair.service.sync.whenCursorAtLeast(hub.store.head);
  await chair.service.warnings.check();
  const station = await startTestConsole({ LIANDONG_HUB_URL: chair.service.embedded!.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', renggang.code), LIANDONG_ROLE: 'station', LIANDONG_STATION: renggang.code });
  const suggested = (await chair.service.meetings.suggestAgenda(6)).map((s) => ({ ticketNo: s.ticketNo, reasons: s.reasons, sub: s.subDistrictCode }));
  const first = { ticketNo: '12345-20261124-0000188', reasons: ['difficult', 'cross', 'overdue'] as ('difficult' | 'cross' | 'overdue')[], sub: renggang.code };
  const agenda = [first, ...suggested.filter((s) => s.ticketNo !== first.ticketNo)].slice(0, 5);
  const meetingId = randomUUID();
  const stations = [...new Set([renggang.code, ...agenda.map((a) => a.sub)])];
  await chair.service.meetings.act({ op: 'create', meetingId, kind: 'onlineCheck', title: '12月1日 线上核查点调会', agenda: agenda.map(({ sub: _s, ...a }) => a), invitees: { stations, departments: ['区城管局', '区住建局'], deputies: ['区人大代表 张某'] } });
  await chair.service.meetings.act({ op: 'start', meetingId });
  await chair.service.meetings.act({ op: 'rollCall', meetingId });
  await station.service.meetings.act({ op: 'answer', meetingId, note: '任港街道收到！' });
  await station.service.meetings.act({ op: 'report', meetingId, ticketNo: first.ticketNo, note: '网格员已到现场核实：车库积水约 30 厘米，已设警示、抽排中；排水管网需改造。', photos: [] });
  await chair.service.meetings.decide({ ticketNo: first.ticketNo, meetingId, leadDepartment: '区住建局', coDepartments: ['区城管局', '任港街道'], deadlineAt: now + 5 * 86_400_000, supervisor: '区人大代表 张某', responsibility: 'assigned', notes: '一周内完成排水改造，期间每日抽排' });
  return {
    chair,
    station,
    async stop() {
      await station.stop();
      await chair.stop();
    },
  };
}

async function chairShots(browser: Browser): Promise<void> {
  const { chair, station, stop } = await chairAndStation();
  try {
    if (wanted('map-placement')) {
      const page = await openWall(browser, chair, 1920, 1080, 'zh-CN');
      await mapDrawn(page);
      await page.waitForFunction(() => {
        const map = (window as unknown as { __liandongMap: { queryRenderedFeatures(o: unknown): { properties: { a: number } }[] } }).__liandongMap;
        return map.queryRenderedFeatures({ layers: ['points'] }).filter((f) => f.properties.a === 1).length > 5;
      });
      await page.getByTestId('map-unplaced').waitFor();
      await shoot(page, 'map-placement', 'zh-CN', 'map-placement-zh-1080p.png');
      await page.close();
    }
    for (const [width, height] of SIZES) {
      for (const lang of LANGS) {
        if (wanted('overview')) {
          const page = await openWall(browser, chair, width, height, lang);
          await page.getByTestId('warning-card').first().waitFor();
          await mapDrawn(page);
          // An overdue ticket's card: found with the 超期 filter, which is then cleared (the card stays open).
          const overdue = page.getByTestId('stream-filters').getByRole('button', { name: lang === 'en' ? 'Overdue' : '超期', exact: true });
          await overdue.click();
          await page.locator('tr.overdue[data-ticket]').first().click();
          await overdue.click();
          await page.getByTestId('card-overdue').waitFor();
          await page.getByTestId('map-selected').waitFor();
          await shoot(page, 'overview', lang);
          await page.close();
        }
        if (wanted('kpi')) {
          const page = await openWall(browser, chair, width, height, lang, 'kpi');
          await page.getByTestId('kpi-ranking').locator('tbody tr').nth(10).waitFor();
          await page.locator('.recharts-label').first().waitFor();
          await shoot(page, 'kpi', lang);
          await page.close();
        }
        if (wanted('warnings')) {
          const page = await openWall(browser, chair, width, height, lang, 'warnings');
          await page.getByTestId('warning-open').first().click();
          await page.getByTestId('matter-tickets').locator('li').first().waitFor();
          await shoot(page, 'warnings', lang);
          await page.close();
        }
        if (wanted('settings')) {
          const page = await openWall(browser, chair, width, height, lang, 'settings');
          await page.locator('.settings').waitFor();
          await shoot(page, 'settings', lang);
          await page.close();
        }
        if (wanted('meeting-chair')) {
          const page = await openWall(browser, chair, width, height, lang, 'meeting');
          await page.getByTestId('site-report').first().waitFor();
          await page.getByTestId('decision-state').first().waitFor();
          await shoot(page, 'meeting-chair', lang);
          await page.close();
        }
        if (wanted('meeting-station')) {
          const page = await openWall(browser, station, width, height, lang, 'meeting');
          await page.getByTestId('meeting-current').waitFor();
          await shoot(page, 'meeting-station', lang);
          await page.close();
        }
      }
    }
  } finally {
    await stop();
  }
}

/** A console whose hub went out of reach, with a comment waiting in the outbox on a ticket's card. */
async function offlineShots(browser: Browser): Promise<void> {
  const hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
  await hub.ingest(generateTickets(3000, { now: Date.now(), seed: 21 }));
  const proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
  const con = await startTestConsole({ LIANDONG_HUB_URL: proxy.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token });
  try {
    await con.service.sync.whenCursorAtLeast(hub.store.head);
    proxy.down();
    for (const [width, height] of SIZES) {
      for (const lang of LANGS) {
        const page = await openWall(browser, con, width, height, lang);
        await page.locator('[data-ticket]').first().waitFor();
        await page.getByTestId('offline-banner').waitFor();
        await page.locator('[data-ticket]').nth(1).click();
        await page.getByTestId('comment-input').fill(lang === 'en' ? 'Grid worker asked to check on site' : '请网格员到现场核实');
        await page.getByTestId('comment-submit').click();
        await page.getByTestId('ticket-card').getByTestId('outbox-pending').first().waitFor();
        await shoot(page, 'offline', lang);
        await page.close();
      }
    }
  } finally {
    await con.stop();
    await proxy.close();
    await hub.close();
  }
}

/** Three sites live in the chair's meeting: 任港 and 城东 from their consoles, 和平桥 from a grid worker's phone. */
async function liveLinkShots(): Promise<void> {
  const code = (short: string) => DIVISIONS.subDistricts.find((x) => x.shortName === short)!.code;
  const [rg, cd, hpq] = ['任港', '城东', '和平桥'].map(code) as [string, string, string];
  const m = await startLinkMeeting({ invited: [rg, cd, hpq], consoles: [rg, cd], prefix: '12345-20261201', seed: 5 });
  const browser = await launchChromium(FAKE_MEDIA);
  try {
    const page = async (url: string, viewport = { width: 1920, height: 1080 }, lang: Lang = 'zh-CN') => {
      const p = await (await browser.newContext({ viewport, locale: lang })).newPage();
      await p.goto(url);
      return p;
    };
    const chairPage = await page(meetingUrl(m.chair));
    const [rgPage, cdPage] = [await page(meetingUrl(m.stations.get(rg)!)), await page(meetingUrl(m.stations.get(cd)!))];
    await chairPage.locator(`[data-testid="meeting-current"][data-ticket-no="${m.ticketOf.get(rg)}"]`).waitFor();
    await linkConsole(chairPage, rgPage);
    await goToItem(chairPage, m.ticketOf.get(cd)!);
    await linkConsole(chairPage, cdPage);
    await goToItem(chairPage, m.ticketOf.get(hpq)!);
    const { phone } = await linkPhone(chairPage, hpq, () => browser.newContext({ viewport: phoneViewport, locale: 'zh-CN' }));
    for (const c of [rg, cd, hpq]) await liveTile(chairPage, c).locator('[data-state="live"], [data-testid="live-figures"]').first().waitFor({ timeout: 30_000 });
    await liveTile(chairPage, rg).getByTestId('live-talk').click();
    await rgPage.getByTestId('station-chair-speaking').waitFor();
    await phone.locator('#banner', { hasText: '已连线' }).waitFor();
    if (wanted('live-link-chair')) {
      await chairPage.getByTestId('meeting-run').evaluate((el) => el.scrollIntoView());
      await shoot(chairPage, 'live-link-chair', 'zh-CN');
      // One chair screen at a time (each screen is one more stream every site sends).
      await chairPage.close();
      const en = await page(`${meetingUrl(m.chair, 'en')}`, { width: 1920, height: 1080 }, 'en');
      for (const c of [rg, cd, hpq]) await liveTile(en, c).getByTestId('live-figures').waitFor({ timeout: 30_000 });
      await en.getByTestId('meeting-run').evaluate((el) => el.scrollIntoView());
      await shoot(en, 'live-link-chair', 'en');
    }
    if (wanted('live-link-phone')) await shoot(phone, 'live-link-phone', 'zh-CN', 'live-link-phone-zh-390x844.png');
  } finally {
    await browser.close();
    await m.stop();
  }
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const browser = await launchChromium();
  try {
    if (['overview', 'kpi', 'warnings', 'settings', 'meeting-chair', 'meeting-station', 'map-placement'].some(wanted)) await chairShots(browser);
    if (wanted('offline')) await offlineShots(browser);
  } finally {
    await browser.close();
  }
  if (['live-link-chair', 'live-link-phone'].some(wanted)) await liveLinkShots();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
