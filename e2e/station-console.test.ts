/**
 * A sub-district's console as issue #19's duty head found it (Chromium, web host; the station reaches the
 * chair's embedded hub through a proxy the test can take down): the site report starts empty, sends only with
 * text, empties and says when it was sent, and is off with a reason while the hub is out of reach; a call to it
 * that goes unheard (its link drops) says 未应答 on the chair's screen; the meeting
 * shows each agenda item's address, deadline and decision; the map fits the station's own sub-district with
 * no count for the others; the KPI view shows its own figures instead of a one-row ranking. The chair's 设置
 * shows the embedded hub and the station command — never on the read-only wall link, nor on a station.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import type { TicketRecord } from '../shared/domain/ticket';
import { DIVISIONS } from '../shared/domain/divisions';
import { startCuttingProxy, type CuttingProxy } from '../test/support/tcp-proxy';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

const RENGGANG = DIVISIONS.subDistricts.find((s) => s.shortName === '任港')!.code;
const DAY = 86_400_000;

let browser: Browser;
let chair: TestConsole;
let station: TestConsole;
let proxy: CuttingProxy;
const meetingId = randomUUID();

beforeAll(async () => {
  chair = await startTestConsole();
  const now = Date.now();
  const [a, b] = generateTickets(2, { now, seed: 77 });
  const tickets: TicketRecord[] = [
    { ...a!, ticket: { ...a!.ticket, ticketNo: 'ST-RG-1', subDistrictCode: RENGGANG, communityCode: null, whistleLevel: 'difficult', status: 'dispatched', address: '任港路 1 号景华城 4 幢', summary: '4 幢电梯困人', receivedAt: now - 20 * DAY, deadlineAt: now - 10 * DAY } },
    { ...b!, ticket: { ...b!.ticket, ticketNo: 'ST-RG-2', subDistrictCode: RENGGANG, communityCode: null, whistleLevel: 'key', status: 'dispatched', address: '任港路 66 号', summary: '雨污管道堵塞', receivedAt: now - 2 * DAY, deadlineAt: now + 3 * DAY } },
  ];
  await chair.service.embedded!.hub.ingest(tickets);
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  proxy = await startCuttingProxy({ host: '127.0.0.1', port: chair.service.embedded!.hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
  station = await startTestConsole({ LIANDONG_HUB_URL: proxy.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', RENGGANG), LIANDONG_ROLE: 'station', LIANDONG_STATION: RENGGANG });
  // The chair holds a meeting on both tickets and decides the second one.
  await chair.service.meetings.act({ op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda: [{ ticketNo: 'ST-RG-1', reasons: ['difficult'] }, { ticketNo: 'ST-RG-2', reasons: ['chair'] }], invitees: { stations: [RENGGANG], departments: [], deputies: [] } });
  await chair.service.meetings.act({ op: 'start', meetingId });
  await chair.service.meetings.decide({ ticketNo: 'ST-RG-2', meetingId, leadDepartment: '区水务局', coDepartments: ['任港街道'], deadlineAt: Date.UTC(2026, 11, 20, 10), supervisor: '', responsibility: 'assigned', notes: '' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await proxy?.close();
  await chair?.stop();
});

const open = async (url: string, view: string): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}view=${view}`);
  return page;
};

describe('a station console', () => {
  it('shows each agenda item with address, deadline and decision, and reports from the site only what was typed', async () => {
    const page = await open(station.host.wallUrl, 'meeting');
    const meeting = page.getByTestId('station-meeting');
    const agenda = meeting.getByTestId('agenda');
    const item = (no: string) => agenda.locator(`li[data-ticket-no="${no}"]`);
    await expect.poll(() => item('ST-RG-1').getByTestId('agenda-address').textContent()).toBe('任港路 1 号景华城 4 幢');
    expect(await item('ST-RG-1').getByTestId('agenda-summary').textContent()).toBe('4 幢电梯困人');
    expect(await item('ST-RG-1').getByTestId('agenda-deadline').textContent()).toMatch(/^办理时限 \d{4}\/\d{2}\/\d{2}超期$/);
    expect(await item('ST-RG-1').getByTestId('agenda-decision').textContent()).toBe('尚未决定');
    await expect.poll(() => item('ST-RG-2').getByTestId('agenda-decision').textContent()).toBe('会商决定：牵头 区水务局；协办 任港街道；期限 2026/12/20');
    expect(await item('ST-RG-2').getByTestId('agenda-address').textContent()).toBe('任港路 66 号');
    // The current item carries them too.
    const current = meeting.getByTestId('meeting-current');
    await expect.poll(() => current.getByTestId('current-address').textContent()).toBe('任港路 1 号景华城 4 幢');
    expect(await current.getByTestId('current-deadline').textContent()).toMatch(/^办理时限 \d{4}\/\d{2}\/\d{2}超期$/);

    // The report box starts empty: nothing is claimed until the station types it.
    const note = current.getByTestId('report-note');
    await note.waitFor();
    expect(await note.inputValue()).toBe('');
    expect(await note.getAttribute('placeholder')).toMatch(/^填写现场核实的情况/);
    const send = current.getByTestId('report-send');
    expect(await send.isDisabled()).toBe(true);
    await note.fill('网格员已到场，电梯已停用，维保单位在路上。');
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await expect.poll(() => current.getByTestId('report-sent').textContent()).toMatch(/^✓ 现场反馈已发送（\d{2}:\d{2}:\d{2}）$/);
    expect(await note.inputValue()).toBe('');
    expect(await send.isDisabled()).toBe(true);
    await expect.poll(async () => (await chair.service.meetings.list()).find((m) => m.id === meetingId)?.reports.map((r) => r.note)).toEqual(['网格员已到场，电梯已停用，维保单位在路上。']);

    // The hub out of reach: sending is off and the form says why (no toast, no stale 已发送).
    proxy.down();
    await expect.poll(() => current.getByTestId('report-offline').textContent()).toBe('未连接区指挥中心：现场反馈需联网发送，连接恢复后再发。');
    await note.fill('第二次反馈');
    expect(await send.isDisabled()).toBe(true);
    expect(await current.getByTestId('report-sent').count()).toBe(0);
    proxy.up();
    await current.getByTestId('report-offline').waitFor({ state: 'detached' });
    expect(await send.isDisabled()).toBe(false);
    await page.close();
  });

  it('a call whose station drops off line says 未应答 on the chair\'s screen instead of 呼叫中… for ever', async () => {
    const chairPage = await open(chair.host.wallUrl, 'meeting');
    const run = chairPage.getByTestId('meeting-run');
    const stationPage = await open(station.host.wallUrl, 'meeting');
    await expect.poll(() => run.getByTestId('participants').locator(`li[data-code="${RENGGANG}"]`).getAttribute('data-present')).toBe('true');
    await run.getByTestId('meeting-call').click();
    await expect.poll(() => run.getByTestId('call-state').textContent()).toBe('任港街道指挥中心，收到请回复！ 呼叫中…');
    await stationPage.getByTestId('incoming-call').waitFor();
    proxy.down();
    await expect.poll(() => run.getByTestId('call-state').textContent()).toBe('任港街道未应答');
    expect(await run.getByTestId('call-offline').textContent()).toBe('任港街道未上线，无法呼叫');
    expect(await run.getByTestId('meeting-call').isDisabled()).toBe(true);
    proxy.up();
    await expect.poll(() => run.getByTestId('meeting-call').isDisabled()).toBe(false);
    await stationPage.getByTestId('call-ack').click();
    await expect.poll(() => run.getByTestId('call-state').getAttribute('data-state')).toBe('answered');
    await chairPage.close();
    await stationPage.close();
  });

  it('fits its map to its own sub-district, with no counts for the others, and shows its own figures for 排行', async () => {
    const page = await open(station.host.wallUrl, 'overview');
    await page.waitForFunction(() => {
      const map = (window as unknown as { __liandongMap?: { isSourceLoaded(s: string): boolean } }).__liandongMap;
      return !!map && map.isSourceLoaded('areas');
    });
    // One count (its own), fifteen names without a number.
    await expect.poll(() => page.locator('.map-label[data-code] .map-label-count').count()).toBe(1);
    expect(await page.locator(`.map-label[data-code="${RENGGANG}"] .map-label-count`).count()).toBe(1);
    expect(await page.locator('.map-label-other').count()).toBe(15);
    await expect.poll(() => page.locator(`.map-label[data-code="${RENGGANG}"] .map-label-count`).textContent()).toMatch(/^[1-9]\d*$/);
    // The view is 任港's area, not the whole district.
    const fit = await page.evaluate((code) => {
      type M = { getBounds(): { getWest(): number; getEast(): number; getSouth(): number; getNorth(): number; contains(p: [number, number]): boolean }; project(p: [number, number]): { x: number; y: number } };
      const map = (window as unknown as { __liandongMap: M }).__liandongMap;
      const el = document.querySelector(`.map-label[data-code="${code}"]`) as HTMLElement;
      const b = map.getBounds();
      return { west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth(), labelVisible: !!el && el.getBoundingClientRect().width > 0 };
    }, RENGGANG);
    expect(fit.labelVisible).toBe(true);
    const info = await mapPackBounds(); // the built-in pack, on both consoles
    // Narrower than the district in both directions (the district would not fit in this view).
    expect(fit.east - fit.west).toBeLessThan(info[2] - info[0]);
    expect(fit.north - fit.south).toBeLessThan(info[3] - info[1]);

    await page.getByTestId('view-kpi').click();
    const own = page.getByTestId('kpi-own');
    await own.waitFor();
    expect(await page.getByTestId('kpi-ranking').count()).toBe(0);
    expect(await own.locator('figcaption').textContent()).toBe('本街道指标（在办、超期为当前，其余为近 30 天受理）');
    expect(await own.locator('[data-figure="kpi.open"] dd').textContent()).toMatch(/^\d+$/);
    await page.close();
  });

  it('设置 → 本机中心 on the chair\'s desk: the embedded hub and the station command; not on the wall link, not on a station', async () => {
    const desk = await open(chair.host.wallUrl, 'settings');
    const section = desk.getByTestId('embedded-hub');
    await expect.poll(() => section.getByTestId('embedded-hub-url').textContent()).toBe(chair.service.embedded!.url);
    expect(await section.getByTestId('embedded-hub-command').inputValue()).toBe(chair.service.embedded!.stationCommand('320613004'));
    expect(await section.getByTestId('embedded-hub-command').inputValue()).toContain('LIANDONG_ROLE=station LIANDONG_STATION=320613004');
    await section.getByTestId('embedded-hub-station').selectOption(RENGGANG);
    expect(await section.getByTestId('embedded-hub-command').inputValue()).toContain(`LIANDONG_HUB_TOKEN=${chair.service.embedded!.tokenFor('station', RENGGANG)} `);
    await desk.close();

    for (const url of [chair.host.viewerUrl, station.host.wallUrl]) {
      const page = await open(url, 'settings');
      // Settings has answered (its map pack line is there); no 本机中心 section.
      await expect.poll(() => page.getByTestId('map-pack-source').textContent()).toMatch(/\S/);
      await page.getByTestId('routing-rules').waitFor();
      expect(await page.getByTestId('embedded-hub').count()).toBe(0);
      await page.close();
    }
  });
});

/** The built-in pack's bounds, as the console serves them. */
async function mapPackBounds(): Promise<[number, number, number, number]> {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const pack = JSON.parse(await readFile(path.join(__dirname, '..', 'resources', 'map', 'chongchuan.geojson'), 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0] as number);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0] as number);
      b[3] = Math.max(b[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  pack.features.forEach((f) => walk(f.geometry.coordinates));
  return b;
}
