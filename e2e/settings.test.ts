/**
 * Settings a duty head changes, in Chromium through the web host: a number outside its limits is refused as it
 * is typed, with the reason next to the field, and nothing is stored or lost; lowering the warning threshold
 * first shows what it would do (warnings raised, tickets escalated) and is applied only on 确认应用 —
 * 取消 leaves everything as it was, and once applied 撤销 takes it back (the rule restored, the tickets it
 * escalated lowered again).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWallSettings } from '../electron/core/handlers/settings';
import { DEFAULT_WALL_SETTINGS } from '../shared/contract';
import { mattersAboveThreshold } from '../shared/domain/early-warning';
import { EscalationService } from '../electron/core/escalation/escalation-service';
import type { TicketRecord } from '../shared/domain/ticket';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

let browser: Browser;
let con: TestConsole;
beforeAll(async () => {
  con = await startTestConsole();
  await con.service.warnings.check(); // the demo's own warning is up before the screen asks
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

async function openSettings(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(con.host.wallUrl + '&view=settings');
  await page.getByTestId('warning-threshold').waitFor();
  return page;
}
const stored = () => readWallSettings(con.service.store);

describe('settings', () => {
  it('refuses an interval of 5 s, a threshold of 0 and −3 days next to the field, keeping the value typed and the one stored', async () => {
    const page = await openSettings();
    const every = page.getByTestId('playlist-every');
    await every.fill('5');
    await every.press('Enter');
    await expect.poll(() => page.getByTestId('playlist-every-error').textContent()).toBe('轮播间隔须为 10–3600 秒的整数（未保存，仍为 60）');
    await page.getByTestId('warning-threshold').fill('0');
    await page.getByTestId('warning-threshold').press('Enter');
    await expect.poll(() => page.getByTestId('warning-threshold-error').textContent()).toBe('预警件数须为 1–1000 的整数（未保存，仍为 10）');
    await page.getByTestId('warning-window').fill('-3');
    await page.getByTestId('warning-window').blur();
    await expect.poll(() => page.getByTestId('warning-window-error').textContent()).toBe('统计天数须为 1–90 天的整数（未保存，仍为 30）');
    // What was typed stays in the fields; the store has what it had; no confirm was asked for.
    expect(await every.inputValue()).toBe('5');
    expect(await page.getByTestId('warning-window').inputValue()).toBe('-3');
    expect(await page.getByTestId('settings-confirm').count()).toBe(0);
    expect(await stored()).toEqual(DEFAULT_WALL_SETTINGS);
    // In English too, from the same limits.
    await page.locator('button.lang').click();
    await expect.poll(() => page.getByTestId('playlist-every-error').textContent()).toBe('The interval must be a whole number of seconds from 10 to 3600 (not saved; still 60)');
    // A good value clears the message and is saved.
    await every.fill('30');
    await every.press('Enter');
    await expect.poll(async () => (await stored()).playlist.everySec).toBe(30);
    expect(await page.getByTestId('playlist-every-error').count()).toBe(0);
    await page.close();
  });

  it('turning an escalation rule back on names the 三跨 tickets it would escalate before it applies', async () => {
    const page = await openSettings();
    const cross = page.getByTestId('escalation-rules').locator('[data-rule="cross"] input[type="checkbox"]');
    await cross.click(); // turning a rule off raises nothing: applied at once (the box follows the store)
    await expect.poll(async () => (await stored()).escalationRules.cross.enabled).toBe(false);
    expect(await page.getByTestId('settings-confirm').count()).toBe(0);

    await cross.click();
    const confirm = page.getByTestId('settings-confirm');
    await confirm.getByTestId('confirm-escalations').waitFor();
    expect(await confirm.getByTestId('confirm-escalation-list').textContent()).toMatch(/工农路与人民路交叉口流动摊贩占道经营.*：常规哨→疑难哨（三跨）/);
    expect((await stored()).escalationRules.cross.enabled).toBe(false);
    await confirm.getByTestId('settings-confirm-apply').click();
    await expect.poll(async () => (await stored()).escalationRules.cross.enabled).toBe(true);
    await page.close();
  });

  it('shows what a lower warning threshold would do, applies it only when confirmed, and takes it back', async () => {
    // What the rules as they are escalate is done first, as a running console has.
    const esc = new EscalationService({ store: con.service.store, outbox: con.service.outbox, clock: Date.now, rules: async () => (await stored()).escalationRules });
    const escalateByRule = async () => {
      while ((await esc.check()) > 0);
      await expect.poll(async () => (await con.service.store.selectFrom('outbox').select('id').where('state', '=', 'pending').execute()).length).toBe(0);
    };
    await escalateByRule();
    const before = new Set((await con.service.store.selectFrom('outbox').select('id').execute()).map((r) => r.id));
    const page = await openSettings();
    const tickets = await con.service.store.selectFrom('tickets').select(['category', 'sub_district_code as subDistrictCode', 'community_code as communityCode', 'received_at as receivedAt']).execute();
    const active = await con.service.warnings.list(false, 1000);
    const raised = mattersAboveThreshold(tickets, { threshold: 3, windowDays: 30 }, Date.now()).length - active.length;
    expect(raised).toBeGreaterThan(0);

    const threshold = page.getByTestId('warning-threshold');
    await threshold.fill('3');
    await threshold.press('Enter');
    const confirm = page.getByTestId('settings-confirm');
    await expect.poll(() => confirm.getByTestId('confirm-warnings').textContent()).toBe(`将新增 ${raised} 条预警`);
    const promised = Number(/^将自动升哨 (\d+) 件工单$/.exec((await confirm.getByTestId('confirm-escalations').textContent())!)![1]);
    expect(await confirm.getByTestId('confirm-escalation-list').locator('li').first().textContent()).toMatch(/常规哨→重点哨（预警事项）/);
    // Not applied while the question is open.
    expect((await stored()).warningRule.threshold).toBe(10);

    await confirm.getByTestId('settings-confirm-cancel').click();
    await confirm.waitFor({ state: 'detached' });
    expect(await threshold.inputValue()).toBe('10');
    expect((await stored()).warningRule.threshold).toBe(10);
    await con.service.warnings.check();
    expect((await con.service.warnings.list(false, 1000)).length).toBe(active.length);

    await threshold.fill('3');
    await threshold.press('Enter');
    await confirm.getByTestId('confirm-warnings').waitFor();
    await confirm.getByTestId('settings-confirm-apply').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(async () => (await stored()).warningRule.threshold).toBe(3);
    await expect.poll(async () => (await con.service.warnings.list(false, 1000)).length).toBe(active.length + raised);

    // The way back: the console escalates by the new warnings; 撤销 restores the rule and lowers those tickets.
    await escalateByRule();
    const escalated = (await con.service.store.selectFrom('outbox').select(['id', 'payload']).where('kind', '=', 'escalate').execute()).filter((r) => !before.has(r.id)).map((r) => JSON.parse(r.payload) as { ticketNo: string; reason: string });
    expect(escalated.every((e) => e.reason === '自动升哨：预警事项')).toBe(true);
    expect(escalated.length).toBe(promised); // what the confirm said is what happened
    expect(escalated.length).toBeGreaterThan(0);
    const box = page.getByTestId('rule-change');
    // The box follows the outbox and the tickets at most every half second: wait for it to catch up.
    await expect.poll(() => box.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`此后已按规则自动升哨 ${escalated.length} 件工单。撤销此次更改（恢复原规则，${escalated.length} 件工单降回原哨级）`));
    await box.getByTestId('rule-change-undo').click();
    await expect.poll(() => page.getByTestId('rule-change-undone').textContent()).toBe(`已恢复原规则；${escalated.length} 件工单降回原哨级（经待发送送出）。`);
    await expect.poll(() => threshold.inputValue()).toBe('10');
    expect((await stored()).warningRule.threshold).toBe(10);
    const hub = con.service.embedded!.hub;
    for (const e of escalated) {
      await expect.poll(async () => (JSON.parse((await hub.store.getBody(e.ticketNo))!) as TicketRecord).ticket.whistleLevel).toBe('routine');
    }
    await page.close();
  });

});
