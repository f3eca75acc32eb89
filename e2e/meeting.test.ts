/**
 * 线上核查点调会 end to end (Chromium, web host): a chair console and three station consoles (任港, 城东,
 * 和平桥), each its own service and store, on one hub. The chair builds the agenda and invites the three;
 * presence and roll-call; the chair calls 任港 about the current ticket, 任港's screen rings and answers
 * 收到, the latency shows on the chair's screen; 任港 reports from the site with a photo; the chair records
 * the decision (it reaches the ticket's timeline at the hub); the next item is on every screen at once.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import type { TicketRecord } from '../shared/domain/ticket';
import { DIVISIONS } from '../shared/domain/divisions';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

const code = (short: string) => DIVISIONS.subDistricts.find((s) => s.shortName === short)!.code;
const STATIONS = ['任港', '城东', '和平桥'].map(code);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGM4YaOBFTEMpAQAmkY4QXj/pr4AAAAASUVORK5CYII=', 'base64');

let browser: Browser;
let chair: TestConsole;
const stations: TestConsole[] = [];
const HARD = ['HARD-RG-1', 'HARD-CD-1', 'HARD-HPQ-1'];
let hardCategory: string;

beforeAll(async () => {
  chair = await startTestConsole();
  const now = Date.now();
  // Three hard tickets, one per invited sub-district: 疑难哨, all three 跨, long overdue (first in the suggestions).
  const hard: TicketRecord[] = generateTickets(3, { now, seed: 99 }).map((r, i) => ({
    ...r,
    ticket: { ...r.ticket, ticketNo: HARD[i]!, subDistrictCode: STATIONS[i]!, communityCode: null, whistleLevel: 'difficult', cross: { region: true, level: true, department: true }, status: 'dispatched', receivedAt: now - 70 * 86_400_000 + i, deadlineAt: now - 60 * 86_400_000 + i },
  }));
  hardCategory = hard[0]!.ticket.category;
  // A ticket returned by a unit and then dispatched back to it: an arbitrary return (随意退单).
  const [ret] = generateTickets(1, { now, seed: 7 });
  const t0 = now - 3_600_000;
  const returned: TicketRecord = {
    ticket: { ...ret!.ticket, ticketNo: 'RET-1', receivedAt: t0, status: 'dispatched' },
    timeline: [
      { at: t0, kind: 'received', actor: '12345热线', note: '' },
      { at: t0 + 1, kind: 'dispatched', actor: '区指挥中心', note: '派区测试局' },
      { at: t0 + 2, kind: 'returned', actor: '区测试局', note: '不属于本单位职责' },
      { at: t0 + 3, kind: 'dispatched', actor: '区指挥中心', note: '改派区测试局' },
    ],
  };
  await chair.service.embedded!.hub.ingest([...hard, returned]);
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  for (const c of STATIONS) {
    stations.push(await startTestConsole({ LIANDONG_HUB_URL: chair.service.embedded!.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', c), LIANDONG_ROLE: 'station', LIANDONG_STATION: c }));
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const s of stations) await s.stop();
  await chair?.stop();
});

const open = async (con: TestConsole, view = 'overview'): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${con.host.wallUrl}${con.host.wallUrl.includes('?') ? '&' : '?'}view=${view}`);
  return page;
};

describe('an online dispatch meeting', () => {
  it('runs from agenda to decision with three stations', async () => {
    const chairPage = await open(chair, 'meeting');
    // Returns per unit, the arbitrary one counted.
    const unitRow = chairPage.getByTestId('returns-by-unit').locator('tr[data-unit="区测试局"] td');
    await expect.poll(() => unitRow.allTextContents()).toEqual(['区测试局', '1', '1']);
    const stationPages = await Promise.all(stations.map((s) => open(s, 'overview')));

    // The agenda: exactly the three hard tickets; the three sub-districts invited.
    const form = chairPage.getByTestId('meeting-create');
    await form.locator(`[data-ticket-no="${HARD[0]}"]`).waitFor();
    const uncheckAll = async (list: string) => {
      const checked = form.locator(`[data-testid="${list}"] input:checked`);
      while ((await checked.count()) > 0) await checked.first().uncheck();
    };
    await uncheckAll('agenda-suggestions');
    await uncheckAll('invite-stations');
    for (const no of HARD) await form.locator(`[data-ticket-no="${no}"]`).check();
    for (const c of STATIONS) await form.locator(`[data-code="${c}"]`).check();
    await form.getByTestId('meeting-departments').fill('区城管局，区住建局');
    await form.getByTestId('meeting-deputies').fill('区人大代表 张某');
    await form.getByTestId('meeting-create-start').click();

    const run = chairPage.getByTestId('meeting-run');
    await run.waitFor();
    expect(await run.getByTestId('agenda').locator('li').count()).toBe(3);
    // Presence: all three stations are connected.
    const participants = run.getByTestId('participants');
    for (const c of STATIONS) await expect.poll(() => participants.locator(`li[data-code="${c}"]`).getAttribute('data-present')).toBe('true');

    // Roll-call: every station's screen asks; each answers 到.
    await run.getByTestId('meeting-rollcall').click();
    for (const p of stationPages) await p.getByTestId('rollcall-answer').click();
    await expect.poll(() => participants.getByTestId('rollcall-state').allTextContents()).toEqual(['已应答', '已应答', '已应答']);

    // The current item is on every station's screen.
    for (const p of stationPages) await expect.poll(() => p.getByTestId('meeting-current').getAttribute('data-ticket-no')).toBe(HARD[0]);

    // 任港街道指挥中心，收到请回复！ — the station rings and answers 收到; the chair sees it with its latency.
    await run.getByTestId('meeting-call').click();
    const renggang = stationPages[0]!;
    await expect.poll(() => renggang.getByTestId('incoming-call').textContent()).toContain('任港街道指挥中心，收到请回复！');
    expect(await stationPages[1]!.getByTestId('incoming-call').count()).toBe(0);
    await renggang.getByTestId('call-ack').click();
    await expect.poll(() => run.getByTestId('call-state').textContent()).toMatch(/^任港街道收到！（\d+\.\d 秒应答）$/);
    await expect.poll(() => renggang.getByTestId('incoming-call').count()).toBe(0);

    // 网格员已在现场: a report with a photo, seen by the chair.
    await renggang.getByTestId('report-note').fill('网格员已在现场。积水约 20 厘米，已设警示。');
    await renggang.getByTestId('report-photos').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => renggang.getByTestId('report-photos-chosen').textContent()).toBe('已选 1 张');
    await renggang.getByTestId('report-send').click();
    const report = run.getByTestId('site-report');
    await expect.poll(() => report.textContent()).toContain('积水约 20 厘米');
    await expect.poll(() => report.locator('img.site-photo').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);

    // The decision: into the ticket's timeline at the hub, and marked on the agenda.
    const decision = run.getByTestId('decision-form');
    await decision.getByTestId('decision-lead').fill('区住建局');
    await decision.getByTestId('decision-co').fill('区城管局、任港街道');
    // No roster person chosen: the meeting's invited deputy is named.
    expect(await decision.getByTestId('decision-supervisor').locator('option:checked').textContent()).toBe('区人大代表 张某');
    await decision.getByTestId('decision-notes').fill('一周内完成排水改造');
    // Solve a class: the same category in 任港 goes to this lead from now on.
    await decision.getByTestId('decision-save-rule').check();
    expect(await decision.getByTestId('rule-scope').inputValue()).toBe('subDistrict');
    await decision.getByTestId('decision-record').click();
    await expect.poll(() => decision.getByTestId('decision-state').textContent()).toBe('已决定');
    const atHub = JSON.parse((await chair.service.embedded!.hub.store.getBody(HARD[0]!))!) as TicketRecord;
    expect(atHub.ticket.leadDepartment).toBe('区住建局');
    expect(atHub.timeline.at(-1)).toMatchObject({ kind: 'decided', note: expect.stringMatching(/^牵头：区住建局；配合：区城管局、任港街道；期限：.+；督办：区人大代表 张某；指定负责；一周内完成排水改造$/) });
    expect(await run.getByTestId('agenda').locator('li').first().locator('.decided-mark').count()).toBe(1);

    // Followed up until the loop is closed, on the chair's board and on 任港's.
    const board = run.page().getByTestId('follow-ups');
    await expect.poll(() => board.locator(`tr[data-ticket-no="${HARD[0]}"]`).getAttribute('data-state')).toBe('open');
    await expect.poll(() => renggang.getByTestId('follow-ups').locator(`tr[data-ticket-no="${HARD[0]}"]`).count()).toBe(1);
    const decidedRecord = JSON.parse((await chair.service.embedded!.hub.store.getBody(HARD[0]!))!) as TicketRecord;
    await chair.service.embedded!.hub.ingest([{ ...decidedRecord, ticket: { ...decidedRecord.ticket, status: 'closed', satisfaction: 'satisfied', updatedAt: Date.now() } }]);
    await expect.poll(() => board.locator(`tr[data-ticket-no="${HARD[0]}"]`).getAttribute('data-state')).toBe('closed');

    // The rule is listed in settings; a later ticket of that kind in 任港 shows the suggested lead on its card.
    const settingsPage = await open(chair, 'settings');
    const ruleRow = settingsPage.getByTestId('routing-rules').locator('tbody tr');
    await expect.poll(() => ruleRow.count()).toBe(1);
    expect(await ruleRow.getByTestId('rule-lead-edit').inputValue()).toBe('区住建局');
    const [later] = generateTickets(1, { now: Date.now(), seed: 123 });
    await chair.service.embedded!.hub.ingest([{ ...later!, ticket: { ...later!.ticket, ticketNo: 'LATER-RG-1', category: hardCategory, subDistrictCode: STATIONS[0]!, communityCode: null, status: 'received', leadDepartment: null, whistleLevel: 'routine', receivedAt: Date.now() } }]);
    await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
    await settingsPage.getByTestId('view-overview').click();
    await settingsPage.locator('[data-ticket="LATER-RG-1"]').click();
    await expect.poll(() => settingsPage.getByTestId('card-routing-hint').textContent()).toBe('建议牵头：区住建局（分派规则）');
    // 升哨 by hand, with a reason: in the ticket's timeline at the hub.
    await settingsPage.getByTestId('escalate-to').selectOption('key');
    await settingsPage.getByTestId('escalate-reason').fill('同类问题反复发生');
    await settingsPage.getByTestId('escalate-submit').click();
    await expect.poll(async () => (JSON.parse((await chair.service.embedded!.hub.store.getBody('LATER-RG-1'))!) as TicketRecord).timeline.at(-1)?.note).toBe('常规哨→重点哨：同类问题反复发生');
    // Edited in settings: the card follows.
    await settingsPage.getByTestId('view-settings').click();
    await ruleRow.getByTestId('rule-lead-edit').fill('区水务局');
    await ruleRow.getByTestId('rule-save').click();
    await expect.poll(() => settingsPage.getByTestId('card-routing-hint').textContent()).toBe('建议牵头：区水务局（分派规则）');
    await settingsPage.close();

    // Next item: on every screen at once.
    await run.getByTestId('agenda').locator(`[data-ticket-no="${HARD[1]}"]`).click();
    for (const p of stationPages) await expect.poll(() => p.getByTestId('meeting-current').getAttribute('data-ticket-no')).toBe(HARD[1]);
    // 城东 holds its own ticket (with a report form); 任港 sees only the number of another sub-district's ticket.
    await stationPages[1]!.getByTestId('report-form').waitFor();
    expect(await renggang.getByTestId('report-form').count()).toBe(0);

    // The chair ends the meeting and exports its minutes: Markdown and PDF in the minutes folder.
    await run.getByTestId('meeting-end').click();
    await run.getByTestId('meeting-end-yes').click();
    const past = chairPage.getByTestId('past-meetings');
    await past.getByTestId('meeting-minutes').click();
    await past.getByTestId('minutes-result').waitFor();
    const files = await readdir(path.join(chair.dataDir, 'minutes'));
    expect(files.map((f) => path.extname(f)).sort()).toEqual(['.md', '.pdf']);
    const md = await readFile(path.join(chair.dataDir, 'minutes', files.find((f) => f.endsWith('.md'))!), 'utf8');
    expect(md).toContain('## 参会情况');
    for (const name of ['任港街道', '城东街道', '和平桥街道']) expect(md).toMatch(new RegExp(`- ${name}：到会（.+ 上线），点名已应答`));
    expect(md).toContain('- 职能部门：区城管局、区住建局');
    expect(md).toMatch(/- 呼叫任港街道（.+）：任港街道收到！（\d+\.\d 秒应答）/);
    expect(md).toContain('- 现场反馈（任港街道，');
    expect(md).toMatch(/- 决定：牵头 区住建局；配合 区城管局、任港街道；期限 .+；指定负责；督办 区人大代表 张某/);
    expect(md).toMatch(/## 2\. 工单 HARD-CD-1\n\n(- .+\n)*- 决定：未作决定/);
    const pdf = await readFile(path.join(chair.dataDir, 'minutes', files.find((f) => f.endsWith('.pdf'))!));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
