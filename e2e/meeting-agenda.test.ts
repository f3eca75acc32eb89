/**
 * The chair prepares and holds a meeting as issue #19's duty head tried it (Chromium, web host): tickets put
 * on the agenda by number (an unknown number refused) and from a ticket's card, before the meeting and while it is
 * under way; the running agenda reads on
 * the wall (complaint, sub-district, address, deadline, 超期); a station that is not on line cannot be called;
 * 结束会商 asks first; the minutes download in the browser, with a station not yet on line awaited (not 缺席)
 * while the meeting is under way and the lead and co-units apart.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import type { TicketRecord } from '../shared/domain/ticket';
import { DIVISIONS } from '../shared/domain/divisions';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

const code = (short: string) => DIVISIONS.subDistricts.find((s) => s.shortName === short)!.code;
const RENGGANG = code('任港');
const CHENGDONG = code('城东');
const DAY = 86_400_000;

let browser: Browser;
let chair: TestConsole;
let station: TestConsole;
const records: TicketRecord[] = [];

beforeAll(async () => {
  chair = await startTestConsole();
  const now = Date.now();
  const [hard, plain, other, late] = generateTickets(4, { now, seed: 41 });
  records.push(
    // A hard ticket (suggested), long overdue.
    { ...hard!, ticket: { ...hard!.ticket, ticketNo: 'AG-HARD-RG', subDistrictCode: RENGGANG, communityCode: null, whistleLevel: 'difficult', status: 'dispatched', address: '任港路 1 号景华城 2 幢', summary: '2 幢电梯反复故障，老人无法下楼', receivedAt: now - 40 * DAY, deadlineAt: now - 30 * DAY } },
    // Two ordinary tickets (never suggested): added by the chair, one from its card, one by its number.
    { ...plain!, ticket: { ...plain!.ticket, ticketNo: 'AG-PLAIN-CD', subDistrictCode: CHENGDONG, communityCode: null, whistleLevel: 'routine', status: 'dispatched', cross: { region: false, level: false, department: false }, address: '城东街道青年东路 88 号', summary: '小区门口夜间施工噪声扰民', receivedAt: now + 10_000, deadlineAt: now + 4 * DAY } },
    { ...other!, ticket: { ...other!.ticket, ticketNo: 'AG-PLAIN-RG', subDistrictCode: RENGGANG, communityCode: null, whistleLevel: 'routine', status: 'accepted', cross: { region: false, level: false, department: false }, address: '任港路 20 号', summary: '路灯不亮', receivedAt: now - 2 * DAY, deadlineAt: now + 3 * DAY } },
  );
  // One more, put on the agenda from its card while the meeting is under way; its sub-district is not invited.
  records.push({ ...late!, ticket: { ...late!.ticket, ticketNo: 'AG-LATE-XF', subDistrictCode: code('幸福'), communityCode: null, whistleLevel: 'key', status: 'dispatched', address: '幸福街道人民路 5 号', summary: '楼道堆物堵塞消防通道', receivedAt: now + 20_000, deadlineAt: now + 2 * DAY } });
  await chair.service.embedded!.hub.ingest(records);
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  // 任港 is on line; 城东 is invited but its console is not running.
  station = await startTestConsole({ LIANDONG_HUB_URL: chair.service.embedded!.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', RENGGANG), LIANDONG_ROLE: 'station', LIANDONG_STATION: RENGGANG });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await chair?.stop();
});

const open = async (con: TestConsole, view: string): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  await page.goto(`${con.host.wallUrl}${con.host.wallUrl.includes('?') ? '&' : '?'}view=${view}`);
  return page;
};
const downloaded = async (page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]) as [Download, void];
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
};

describe('preparing and holding a meeting (chair)', () => {
  it('adds tickets from a card and by number, reads the agenda, refuses to call an offline station, confirms the end and downloads the minutes', async () => {
    const page = await open(chair, 'overview');
    // From a ticket's card: 加入会商议程.
    await page.locator('input.search').fill('AG-PLAIN-CD');
    await page.locator('[data-ticket="AG-PLAIN-CD"]').click();
    const card = page.getByTestId('ticket-card');
    await card.getByTestId('card-add-to-agenda').click();
    await expect.poll(() => card.getByTestId('card-add-to-agenda').textContent()).toBe('已加入待召开会商的议程');
    expect(await card.getByTestId('card-add-to-agenda').isDisabled()).toBe(true);
    await card.locator('.drawer-close').click();
    // Not offered on a read-only wall link (a desk action).
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(chair.host.viewerUrl);
    await wall.locator('input.search').fill('AG-PLAIN-RG');
    await wall.locator('[data-ticket="AG-PLAIN-RG"]').click();
    // The card has its ticket (asked for together with who this screen is): no 加入会商议程 here.
    await wall.getByTestId('ticket-card').getByTestId('timeline').waitFor();
    expect(await wall.getByTestId('card-add-to-agenda').count()).toBe(0);
    await wall.close();

    await page.getByTestId('view-meeting').click();
    const form = page.getByTestId('meeting-create');
    await form.locator('[data-ticket-no="AG-HARD-RG"]').waitFor();
    // The card's ticket is on the agenda being prepared, chosen, with its sub-district invited.
    expect(await form.locator('input[data-ticket-no="AG-PLAIN-CD"]').isChecked()).toBe(true);
    expect(await form.locator(`[data-testid="invite-stations"] input[data-code="${CHENGDONG}"]`).isChecked()).toBe(true);

    // By number: an unknown one is refused with a clear message, a known one is added.
    await form.getByTestId('agenda-add-no').fill('NOPE-404');
    await form.getByTestId('agenda-add-submit').click();
    await expect.poll(() => form.getByTestId('agenda-add-message').textContent()).toBe('没有工单 NOPE-404，未加入议程。');
    expect(await form.locator('input[data-ticket-no="NOPE-404"]').count()).toBe(0);
    await form.getByTestId('agenda-add-no').fill('AG-PLAIN-RG');
    await form.getByTestId('agenda-add-submit').click();
    await expect.poll(() => form.getByTestId('agenda-add-message').textContent()).toBe('已加入议程：AG-PLAIN-RG');
    expect(await form.locator('input[data-ticket-no="AG-PLAIN-RG"]').isChecked()).toBe(true);
    expect(await form.getByTestId('agenda-add-no').inputValue()).toBe('');

    // Exactly our three tickets, 任港 and 城东 invited.
    const checked = async (list: string, attr: string) => Promise.all((await form.locator(`[data-testid="${list}"] input:checked`).all()).map((b) => b.getAttribute(attr)));
    for (const no of await checked('agenda-suggestions', 'data-ticket-no')) if (!['AG-HARD-RG', 'AG-PLAIN-CD', 'AG-PLAIN-RG'].includes(no!)) await form.locator(`input[data-ticket-no="${no}"]`).uncheck();
    await form.locator('input[data-ticket-no="AG-HARD-RG"]').check();
    for (const c of await checked('invite-stations', 'data-code')) if (![RENGGANG, CHENGDONG].includes(c!)) await form.locator(`[data-testid="invite-stations"] input[data-code="${c}"]`).uncheck();
    await form.getByTestId('meeting-create-start').click();

    const run = page.getByTestId('meeting-run');
    const agenda = run.getByTestId('agenda');
    await expect.poll(() => agenda.locator('li').count()).toBe(3);
    // Each item as the wall reads it: the complaint, sub-district, address, deadline — and 超期 when past.
    const item = (no: string) => agenda.locator(`button[data-ticket-no="${no}"]`);
    await expect.poll(() => item('AG-HARD-RG').getByTestId('agenda-summary').textContent()).toBe('2 幢电梯反复故障，老人无法下楼');
    expect(await item('AG-HARD-RG').getByTestId('agenda-sub').textContent()).toBe('任港');
    expect(await item('AG-HARD-RG').getByTestId('agenda-address').textContent()).toBe('任港路 1 号景华城 2 幢');
    expect(await item('AG-HARD-RG').getByTestId('agenda-deadline').textContent()).toMatch(/^办理时限 \d{4}\/\d{2}\/\d{2}超期$/);
    await expect.poll(() => item('AG-PLAIN-CD').getByTestId('agenda-summary').textContent()).toBe('小区门口夜间施工噪声扰民');
    expect(await item('AG-PLAIN-CD').getByTestId('agenda-sub').textContent()).toBe('城东');
    expect(await item('AG-PLAIN-CD').getByTestId('agenda-deadline').textContent()).toMatch(/^办理时限 \d{4}\/\d{2}\/\d{2}$/);
    expect(await item('AG-PLAIN-CD').textContent()).toContain('主持人添加');

    // 城东 is not on line: the call says so instead of ringing nowhere.
    await item('AG-PLAIN-CD').click();
    await expect.poll(() => run.getByTestId('meeting-current').getAttribute('data-ticket-no')).toBe('AG-PLAIN-CD');
    await expect.poll(() => run.getByTestId('call-offline').textContent()).toBe('城东街道未上线，无法呼叫');
    expect(await run.getByTestId('meeting-call').isDisabled()).toBe(true);
    // 任港 is: its call rings.
    await item('AG-HARD-RG').click();
    await expect.poll(() => run.getByTestId('meeting-current').getAttribute('data-ticket-no')).toBe('AG-HARD-RG');
    await run.getByTestId('meeting-call').click();
    await expect.poll(() => run.getByTestId('call-state').getAttribute('data-state')).toBe('ringing');

    // A decision with a lead and co-departments, for the minutes.
    const decision = run.getByTestId('decision-form');
    await decision.getByTestId('decision-lead').fill('区住建局');
    await decision.getByTestId('decision-co').fill('区市场监管局、任港街道');
    await decision.getByTestId('decision-record').click();
    await expect.poll(() => decision.getByTestId('decision-state').textContent()).toBe('已决定');

    // From a card while the meeting is under way: at the end of its agenda, at once on the chair's screen.
    const other = await open(chair, 'overview');
    await other.locator('input.search').fill('AG-LATE-XF');
    await other.locator('[data-ticket="AG-LATE-XF"]').click();
    const lateCard = other.getByTestId('ticket-card');
    await expect.poll(() => lateCard.getByTestId('card-add-to-agenda').textContent()).toBe('加入本次会商议程');
    expect(await lateCard.getByTestId('card-agenda-not-invited').textContent()).toBe('幸福街道未受邀参加本次会商，会上无法呼叫');
    await lateCard.getByTestId('card-add-to-agenda').click();
    await expect.poll(() => lateCard.getByTestId('card-add-to-agenda').textContent()).toBe('已在本次会商议程中');
    await expect.poll(() => agenda.locator('li').count()).toBe(4);
    await expect.poll(() => agenda.locator('li').last().getByTestId('agenda-summary').textContent()).toBe('楼道堆物堵塞消防通道');
    await other.close();
    // By number in the running meeting: an unknown one refused, one already on the agenda said so.
    await run.getByTestId('agenda-add-no').fill('NOPE-405');
    await run.getByTestId('agenda-add-submit').click();
    await expect.poll(() => run.getByTestId('agenda-add-message').textContent()).toBe('没有工单 NOPE-405，未加入议程。');
    await run.getByTestId('agenda-add-no').fill('AG-LATE-XF');
    await run.getByTestId('agenda-add-submit').click();
    await expect.poll(() => run.getByTestId('agenda-add-message').textContent()).toBe('工单 AG-LATE-XF 已在议程中。');
    expect(await agenda.locator('li').count()).toBe(4);

    // Minutes while the meeting is under way: downloaded by the browser; 城东 is awaited, not absent.
    await run.getByTestId('meeting-minutes').click();
    const during = await downloaded(page, () => run.getByTestId('minutes-download-md').click());
    expect(during.name).toMatch(/\.md$/);
    const md = during.bytes.toString('utf8');
    expect(md).toContain('- 城东街道：未上线');
    expect(md).not.toContain('缺席');
    expect(md).toContain('- AG-HARD-RG：主办单位 区住建局；协办单位 区市场监管局、任港街道；');

    // 结束会商 asks first; 继续会商 keeps the meeting going.
    await run.getByTestId('meeting-end').click();
    const confirm = run.getByTestId('meeting-end-confirm');
    expect(await confirm.textContent()).toContain('确认结束本次会商？');
    expect(await confirm.textContent()).toContain('尚有 3 项未作决定。');
    await confirm.getByTestId('meeting-end-no').click();
    await confirm.waitFor({ state: 'detached' });
    expect(await run.isVisible()).toBe(true);
    expect(chair.service.meetings ? (await chair.service.meetings.list()).find((m) => m.endedAt === null) : undefined).toBeDefined();
    await run.getByTestId('meeting-end').click();
    await run.getByTestId('meeting-end-yes').click();

    // After the end: the PDF downloads too, and 城东 is now absent.
    const past = page.getByTestId('past-meetings');
    await past.getByTestId('meeting-minutes').click();
    const pdf = await downloaded(page, () => past.getByTestId('minutes-download-pdf').click());
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const after = (await downloaded(page, () => past.getByTestId('minutes-download-md').click())).bytes.toString('utf8');
    expect(after).toContain('- 城东街道：缺席');
    await page.close();
  });
});
