/**
 * 督办 in Chromium, at the chair's desk: the roster gets a deputy; a hard ticket is given to the deputy, who visits
 * the site and calls the resident back; a deputy's suggestion runs 提·交·落·回 with one 不满意 sending it back; a
 * supervision letter is written from a unit's row, read back from its PDF and its reply recorded; a referral to
 * 作风办; a sub-district's 应急包 pays an urgent repair. Screenshots: docs/screens/supervision-*.png.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import { findCjkFont } from '../electron/core/meetings/minutes-file';
import { launchChromium } from './support/browser';
import { liandongContract, TicketQuery } from '../shared/contract';
import { createClient } from '../shared/rpc/client';
import { connectInMemory } from '../shared/rpc/memory-transport';
import { startTestConsole, type TestConsole } from './support/console';
import { beijingDayOf } from '../shared/domain/report-period';

const SHOTS = path.resolve(__dirname, '..', 'docs', 'screens');
const DAY = 86_400_000;
let browser: Browser;
let chair: TestConsole;
let page: Page;

beforeAll(async () => {
  chair = await startTestConsole();
  await chair.service.embedded!.hub.ingest(generateTickets(800, { now: Date.now(), spanMs: 25 * DAY, seed: 18, startIndex: 700_000 }));
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  await page.goto(`${chair.host.wallUrl}${chair.host.wallUrl.includes('?') ? '&' : '?'}view=supervision`);
  await page.getByTestId('supervision-view').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await chair?.stop();
});

const rpc = () => createClient(liandongContract, connectInMemory(chair.service.server));
const tab = (k: string) => page.getByTestId(`sup-tab-${k}`).click();
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `supervision-${name}-1920x1080.png`), animations: 'disabled' });

describe('督办 (chair)', () => {
  let ticketNo = '';

  it('keeps the roster: a deputy with a work group', async () => {
    await tab('roster');
    expect(await page.getByTestId('sup-roster-empty').textContent()).toContain('名册为空');
    await page.getByTestId('sup-add-person').click();
    await page.getByTestId('sup-person-name').fill('李秀英');
    await page.getByTestId('sup-person-code').selectOption('320613003');
    await page.getByTestId('sup-person-group-enforcement').check();
    await page.getByTestId('sup-person-save').click();
    await expect.poll(() => page.getByTestId('sup-person').allTextContents(), { timeout: 20_000 }).toEqual([expect.stringContaining('李秀英人大代表执法监督组任港')]);
    expect(await page.getByTestId('sup-roster-empty').count()).toBe(0);
    await shot('roster-zh');
  });

  it('gives a hard ticket to the deputy, who visits the site and calls the resident back', async () => {
    const open = (await chair.service.tickets.list(TicketQuery.parse({ status: ['dispatched', 'accepted', 'onSite'], limit: 1 }))).items[0]!;
    ticketNo = open.ticketNo;
    await tab('board');
    await page.getByTestId('sup-assign-ticket').fill(ticketNo);
    await page.getByTestId('sup-assign-who').selectOption({ label: '李秀英（人大代表）' });
    await page.getByTestId('sup-assign-submit').click();
    const card = page.locator(`[data-testid="sup-card"][data-ticket="${ticketNo}"]`);
    await card.waitFor({ timeout: 20_000 });
    // The same ticket to the same deputy again: said so, nothing to send.
    await page.getByTestId('sup-assign-ticket').fill(ticketNo);
    await page.getByTestId('sup-assign-who').selectOption({ label: '李秀英（人大代表）' });
    expect(await page.getByTestId('sup-assign-current').textContent()).toBe('该工单已由 李秀英（人大代表） 督办');
    expect(await page.getByTestId('sup-assign-submit').isDisabled()).toBe(true);
    await page.getByTestId('sup-assign-ticket').fill('');
    await card.getByTestId('sup-visit').click();
    // The button waits for a person, and says so.
    expect(await card.getByTestId('sup-step-missing').textContent()).toBe('请选择督查人');
    await card.getByTestId('sup-step-person').selectOption({ label: '李秀英（人大代表）' });
    await card.getByTestId('sup-step-notes').fill('现场查看，督促承办单位三日内处置');
    await card.getByTestId('sup-step-submit').click();
    await expect.poll(() => card.getByTestId('sup-step').allTextContents(), { timeout: 20_000 }).toEqual([expect.stringContaining('一线督查（李秀英）现场查看')]);
    await card.getByTestId('sup-callback').click();
    await card.getByTestId('sup-step-person').selectOption({ label: '李秀英（人大代表）' });
    await card.getByTestId('sup-step-satisfaction').selectOption('basicallySatisfied');
    await card.getByTestId('sup-step-submit').click();
    await expect.poll(() => card.getByTestId('sup-step').count(), { timeout: 20_000 }).toBe(2);
    // On the ticket's timeline too.
    await expect.poll(async () => (await chair.service.tickets.get(ticketNo))?.timeline.map((e) => e.kind).slice(-3), { timeout: 20_000 }).toEqual(['supervised', 'siteVisited', 'deputyCalledBack']);
    await shot('board-zh');
  });

  it('runs a suggestion through 提·交·落·回, 不满意 sending it back to 交', async () => {
    await tab('suggestions');
    await page.getByTestId('sup-new-deputy').selectOption({ label: '李秀英' });
    await page.getByTestId('sup-new-title').fill('老旧小区加装电梯');
    await page.getByTestId('sup-new-content').fill('居民多为老人，上下楼困难');
    await page.getByTestId('sup-new-submit').click();
    const card = page.getByTestId('sup-suggestion');
    const stage = async (s: string) => expect.poll(() => card.getAttribute('data-stage'), { timeout: 20_000 }).toBe(s);
    await stage('submitted');
    await card.getByTestId('sup-next-unit').fill('区住建局');
    // A deadline already past is refused in words; edited, the form drops the old refusal.
    const deadline = card.getByTestId('sup-next-deadline');
    const later = await deadline.inputValue();
    await deadline.fill('2020-01-06');
    await card.getByTestId('sup-next').click();
    await expect.poll(() => card.getByTestId('op-state').textContent(), { timeout: 20_000 }).toBe('未执行：期限已过，请选择今后的日期');
    await deadline.fill(later);
    expect(await card.getByTestId('op-state').count()).toBe(0);
    await card.getByTestId('sup-next').click();
    await stage('assigned');
    await card.getByTestId('sup-next-text').fill('已完成可行性评估');
    await card.getByTestId('sup-next').click();
    await stage('done');
    await card.getByTestId('sup-next-evaluation').selectOption('unsatisfied');
    await card.getByTestId('sup-next').click();
    await stage('assigned');
    await expect(card.textContent()).resolves.toContain('不满意，已重新交办 1 次');
    // The reopened suggestion is assigned again, to another unit with a new deadline.
    await card.getByTestId('sup-reassign-unit').fill('区城建集团');
    await card.getByTestId('sup-reassign').click();
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('承办单位：区城建集团');
    await card.getByTestId('sup-next-text').fill('已开工建设');
    await card.getByTestId('sup-next').click();
    await stage('done');
    await card.getByTestId('sup-next').click();
    await stage('answered');
    await shot('suggestions-zh');
  });

  it('writes a 督查意见书 from a unit’s row, reads it back from its PDF, and records the reply', async () => {
    await tab('letters');
    await page.getByTestId('sup-unit-letter').first().click();
    const unitPage = page.getByTestId('sup-unit-page');
    const unit = (await unitPage.getAttribute('data-unit'))!;
    expect(await unitPage.getByTestId('sup-unit-letters').locator('li').count()).toBe(0);
    const form = page.getByTestId('sup-case-letter');
    await expect.poll(() => form.textContent(), { timeout: 20_000 }).toMatch(/涉及工单 \d+ 件/);
    // A double-click issues one letter, not two.
    await page.getByTestId('sup-case-submit').dblclick();
    const letter = page.getByTestId('sup-letter');
    const number = `督查〔${new Date().getFullYear()}〕1号`;
    await expect.poll(() => letter.textContent(), { timeout: 20_000 }).toContain(`${number} ${unit}`);
    await expect.poll(() => chair.service.outbox.pendingCount(), { timeout: 20_000 }).toBe(0);
    expect((await rpc().call('supervision.registers', {})).letters.map((l) => l.number)).toEqual([number]);
    // The unit's page stays, listing it; the form has closed.
    await expect.poll(() => unitPage.getByTestId('sup-unit-letters').textContent()).toContain(number);
    expect(await unitPage.textContent()).toContain('已有督查意见书 1 份（待回复 1 份）');
    expect(await page.getByTestId('sup-case-letter').count()).toBe(0);
    if (findCjkFont()) {
      const [d] = (await Promise.all([page.waitForEvent('download'), letter.getByTestId('sup-letter-pdf').click()])) as [Download, void];
      const text = execFileSync('pdftotext', [(await d.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('督查意见书');
      expect(text).toContain(unit);
      expect(text).toContain('书面回复');
    }
    await letter.getByTestId('sup-letter-reply').fill('已逐件整改，指定专人负责');
    await letter.getByTestId('sup-letter-record').click();
    await expect.poll(() => letter.getAttribute('data-replied'), { timeout: 20_000 }).toBe('true');
    await shot('letters-zh');
  });

  it('lists a unit with overdue tickets and no return, found by name; and opens a unit from the 报表’s ranking', async () => {
    const { units } = await rpc().call('supervision.units', { windowDays: 30 });
    // The demo's units (seed 18): some have overdue tickets and no return in 30 days.
    const overdueOnly = units.find((u) => u.overdue > 0 && u.returns === 0)!;
    expect(overdueOnly).toBeDefined();
    await tab('letters');
    await page.getByTestId('sup-unit-find').fill(overdueOnly.unit);
    const row = page.locator(`.sup-units tr[data-unit="${overdueOnly.unit}"]`);
    await expect.poll(() => row.locator('td').allTextContents()).toEqual([overdueOnly.unit, String(overdueOnly.overdue), '0', '0', '0', '生成督查意见书']);
    await page.getByTestId('sup-unit-find').fill('没有这个单位');
    expect(await page.locator('.sup-units tbody').textContent()).toBe('没有名称含此字样的单位');
    await page.getByTestId('sup-unit-find').fill('');

    // From the 报表: a unit's row opens its page in 督办.
    await page.getByTestId('view-reports').click();
    await page.getByTestId('report-kind').selectOption('week');
    await page.getByTestId('report-generate').click();
    const first = page.locator('[data-testid="report-units"] tbody tr').filter({ has: page.getByTestId('report-unit-supervise') }).first();
    await first.waitFor({ timeout: 30_000 });
    const unit = (await first.locator('td').first().textContent())!;
    await first.getByTestId('report-unit-supervise').click();
    await expect.poll(() => page.getByTestId('sup-unit-page').getAttribute('data-unit')).toBe(unit);
    expect(await page.getByTestId('sup-tab-letters').getAttribute('aria-selected')).toBe('true');
    // It says over which window its counts run (the report's are the report's period).
    expect(await page.getByTestId('sup-unit-standing').textContent()).toMatch(/^当前超期未办 \d+ 件 · 近 30 天退单 \d+ 件（随意退单 \d+ 件）$/);
    await shot('unit-page-zh');
    // The reply deadline's calendar, low on the screen, opens where it can be seen whole.
    await page.getByTestId('sup-case-due-pick').scrollIntoViewIfNeeded();
    await page.getByTestId('sup-case-due-pick').click();
    const box = (await page.locator('.date-field-calendar').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    await page.keyboard.press('Escape');
    // The header's 督办 later opens the board, not that unit again.
    await page.getByTestId('view-overview').click();
    await page.getByTestId('view-supervision').click();
    expect(await page.getByTestId('sup-tab-board').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('sup-unit-page').count()).toBe(0);
  });

  it('refers a unit to 作风办 and pays an urgent repair from a sub-district’s 应急包', async () => {
    await tab('referrals');
    await page.getByTestId('sup-unit-referral').first().click();
    await page.getByTestId('sup-case-submit').click();
    await expect.poll(() => page.getByTestId('sup-referral').count(), { timeout: 20_000 }).toBe(1);
    await shot('referrals-zh');

    await tab('funds');
    const code = (await chair.service.tickets.get(ticketNo))!.ticket.subDistrictCode;
    await page.getByTestId('sup-fund-code').selectOption(code);
    await page.getByTestId('sup-fund-amount').fill('500000');
    await page.getByTestId('sup-fund-set').click();
    const fund = page.locator(`[data-testid="sup-fund"][data-code="${code}"]`);
    await fund.waitFor({ timeout: 20_000 });
    await fund.getByTestId('sup-spend-ticket').fill(ticketNo);
    // Money is whole yuan: a negative or fractional amount is named, and cannot be sent.
    await fund.getByTestId('sup-spend-amount').fill('-12.5');
    expect(await fund.getByTestId('sup-spend-problem').textContent()).toBe('金额须为正整数（元）');
    expect(await fund.getByTestId('sup-spend').isDisabled()).toBe(true);
    await fund.getByTestId('sup-spend-amount').fill('80000');
    await fund.getByTestId('sup-spend-purpose').fill('墙体裂缝应急抢修');
    await fund.getByTestId('sup-spend').click();
    await expect.poll(() => fund.getByTestId('sup-fund-balance').textContent(), { timeout: 20_000 }).toBe('余额 ¥420,000 / 额度 ¥500,000');
    // Applied, the form is empty for the next payment.
    await expect.poll(() => fund.getByTestId('sup-spend-purpose').inputValue()).toBe('');
    // More than the balance is refused, with the reason in words.
    await fund.getByTestId('sup-spend-ticket').fill(ticketNo);
    await fund.getByTestId('sup-spend-amount').fill('500000');
    await fund.getByTestId('sup-spend-purpose').fill('超出余额');
    await fund.getByTestId('sup-spend').click();
    await expect.poll(() => fund.getByTestId('op-state').textContent(), { timeout: 20_000 }).toBe('未执行：应急包余额 ¥420,000，不足以支付 ¥500,000');
    // The refusal loses nothing: what was typed stays in the form, to be corrected.
    expect([await fund.getByTestId('sup-spend-ticket').inputValue(), await fund.getByTestId('sup-spend-amount').inputValue(), await fund.getByTestId('sup-spend-purpose').inputValue()]).toEqual([ticketNo, '500000', '超出余额']);
    await shot('funds-zh');
    // Edited again, the form no longer carries the old refusal.
    await fund.getByTestId('sup-spend-amount').fill('400000');
    expect(await fund.getByTestId('op-state').count()).toBe(0);
  });

  it('counts the day’s oversight in that day’s 日报', async () => {
    await page.getByTestId('view-reports').click();
    await page.getByTestId('report-kind').selectOption('day');
    await page.getByTestId('report-day').fill(beijingDayOf(Date.now()));
    await page.getByTestId('report-generate').click();
    const part = page.getByTestId('report-deputies');
    await part.waitFor({ timeout: 30_000 });
    const rows = await part.locator('tbody tr').allTextContents();
    expect(rows).toEqual(expect.arrayContaining([expect.stringMatching(/^督查意见书1/), expect.stringMatching(/^移送1/), expect.stringMatching(/^应急包支付1¥80,000$/)]));
    await part.scrollIntoViewIfNeeded();
    await shot('report-part-zh');
    await page.getByTestId('view-supervision').click();
  });

  it('reads the same in English', async () => {
    await tab('board');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('sup-tab-board').textContent()).toBe('Supervised tickets');
    await expect(page.getByTestId('sup-closed').textContent()).resolves.toMatch(/^Hard problems closed:/);
    // Names and lists in English punctuation: 李秀英 (Deputy), "Basically satisfied; …" — no full-width marks around them.
    expect(await page.getByTestId('sup-assign-who').locator('option').allTextContents()).toContain('李秀英 (Deputy)');
    const steps = (await page.getByTestId('sup-step').allTextContents()).join('\n');
    expect(steps).toContain('(李秀英)');
    expect(steps).not.toMatch(/[（）；]/);
    await shot('board-en');
    await page.getByTestId('language-switch').click();
  });
});
