/**
 * Sync and offline work as a user sees them, in Chromium through the web host, against a real hub
 * reached through a proxy the test can take down, pause and bring back.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokens } from '../hub/auth';
import { generateTickets } from '../hub/demo/ticket-generator';
import { startHub, type Hub } from '../hub/hub-server';
import { quarantine } from '../db/queries/quarantine';
import type { TicketRecord } from '../shared/domain/ticket';
import { startCuttingProxy, type CuttingProxy } from '../test/support/tcp-proxy';
import { randomUUID } from 'node:crypto';
import { liandongContract } from '../shared/contract';
import { createClient } from '../shared/rpc/client';
import { connectInMemory } from '../shared/rpc/memory-transport';
import { formatWhen } from '../renderer/app/format';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

let browser: Browser;
let hub: Hub;
let proxy: CuttingProxy;
let con: TestConsole;
const NOW = Date.now();

beforeAll(async () => {
  hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
  await hub.ingest(generateTickets(6000, { now: NOW, seed: 21 }));
  proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
  await proxy?.close();
  await hub?.close();
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(con.host.wallUrl);
  return page;
}

describe('sync and offline work (Chromium, web host, real hub)', () => {
  it('shows a progress bar during a large initial sync, then the tickets', async () => {
    const paused = proxy.pauseAfter(400_000); // a few pages in, the hub "stalls"
    con = await startTestConsole({ LIANDONG_HUB_URL: proxy.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token }, { pageSize: 200 });
    await paused;
    const page = await open();
    const bar = page.getByTestId('sync-progress');
    await bar.waitFor();
    expect(await bar.textContent()).toMatch(/正在同步 \d+%/);
    const pct = Number(await bar.getAttribute('aria-valuenow'));
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(100);
    expect(await page.getByTestId('connection').textContent()).toContain('同步中'); // pulling, not "connecting"
    proxy.resume();
    await bar.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('stream-total').textContent()).toBe('共 6000 件');
    expect(await page.getByTestId('connection').textContent()).toContain('在线');
    await page.close();
  });

  it('keeps working offline: says so, queues an action as pending, delivers it once on reconnect', async () => {
    const page = await open();
    const row = page.locator('[data-ticket]').first();
    const ticketNo = (await row.getAttribute('data-ticket'))!;

    proxy.down();
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.getByTestId('offline-banner').textContent()).toContain('离线');

    await row.click();
    const card = page.getByTestId('ticket-card');
    await card.waitFor();
    await page.getByTestId('comment-input').fill('网格员已在现场核实');
    await page.getByTestId('comment-submit').click();
    await card.getByTestId('outbox-pending').waitFor();
    expect(await page.getByTestId('pending-count').textContent()).toContain('待发送 1');

    proxy.up();
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await page.getByTestId('pending-count').waitFor({ state: 'detached' });
    await card.getByTestId('timeline').getByText('网格员已在现场核实').waitFor();
    const stored = JSON.parse((await hub.store.getBody(ticketNo))!) as TicketRecord;
    expect(stored.timeline.filter((e) => e.note === '网格员已在现场核实')).toHaveLength(1);
    await page.close();
  });

  it('offline, says since when and for how long, shows no lag figure, greys the meeting dot, and promises only the outbox', async () => {
    const desk = createClient(liandongContract, connectInMemory(con.service.server));
    const agenda = (await con.service.tickets.list({ limit: 1 })).items.map((t) => ({ ticketNo: t.ticketNo, reasons: ['chair' as const] }));
    const meetingId = randomUUID();
    await desk.call('meetings.act', { op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda, invitees: { stations: [], departments: [], deputies: [] } });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.install();
    await page.goto(con.host.wallUrl);
    const dot = page.getByTestId('meeting-live');
    await dot.waitFor();
    expect(await dot.getAttribute('class')).not.toContain('unknown');

    proxy.down();
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    const since = (await desk.call('sync.status', {})).offlineSince!;
    expect(since).toBeGreaterThan(0);
    const at = formatWhen(since, Date.now());
    expect(await banner.textContent()).toMatch(new RegExp(`^刚刚离线（自 ${at} 起）：显示本机数据（最近同步 [0-9:]+）。工单上的批注、状态变更、升哨和预警知悉先存入待发送，恢复连接后依次发送。$`));
    expect(await page.getByTestId('offline-since').textContent()).toBe(`自 ${at} 起`);
    expect(await page.getByTestId('connection').textContent()).not.toMatch(/延迟/);
    await expect.poll(() => dot.getAttribute('class')).toContain('unknown');
    expect(await dot.getAttribute('title')).toBe('离线：会商状态未知');
    await page.getByTestId('connection').click();
    expect(await page.getByTestId('sync-lag').textContent()).toBe('—');
    expect(await page.getByTestId('sync-offline-since').textContent()).toBe(at);

    // Twelve minutes on, the banner says so.
    await page.clock.fastForward('12:00');
    await expect.poll(() => banner.textContent()).toMatch(new RegExp(`^离线 12 分钟（自 ${at} 起）`));

    proxy.up();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => dot.getAttribute('class')).not.toContain('unknown');
    expect(await page.getByTestId('offline-since').count()).toBe(0);
    expect((await desk.call('sync.status', {})).offlineSince).toBeNull();
    await desk.call('meetings.act', { op: 'end', meetingId });
    await page.close();
  });

  it('shows an action the hub refused, with the hub\'s reason', async () => {
    const page = await open();
    // A dispatched ticket: the console offers "accept"; meanwhile the hub has it returned by its unit.
    const target = (await con.service.tickets.list({ status: ['dispatched'], limit: 1 })).items[0]!;
    proxy.down();
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('stream-filters').getByLabel('搜索编号、内容、地址').fill(target.ticketNo);
    await page.locator(`[data-ticket="${target.ticketNo}"]`).click();
    await page.getByTestId('act-status-accepted').click();
    await page.getByTestId('pending-count').waitFor();
    const rec = JSON.parse((await hub.store.getBody(target.ticketNo))!) as TicketRecord;
    await hub.ingest([{ ticket: { ...rec.ticket, status: 'returned' }, timeline: [...rec.timeline, { at: Date.now(), kind: 'returned', actor: '任港街道', note: '不属于本街道' }] }]);
    proxy.up();
    const refused = page.getByTestId('ticket-card').getByTestId('outbox-rejected');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/被拒绝.*工单不能由「已退单」转为「已签收」/);
    await page.close();
  });

  it('lists quarantined records in the sync panel', async () => {
    await quarantine(con.service.store, [{ source: 'pull', reason: 'invalid change: ticket.lat: expected number', raw: '{"seq":9,"ticket":{"lat":"north"}}' }], Date.now());
    const page = await open();
    await page.getByTestId('connection').click();
    const list = page.getByTestId('quarantine-list');
    await list.waitFor();
    // The reason in the user's words (the validator's own words on hover), the record as it came.
    expect(await list.textContent()).toContain('批量同步 · 记录格式不符，未应用');
    expect(await list.locator('.q-reason').getAttribute('title')).toContain('ticket.lat: expected number');
    expect(await list.textContent()).toContain('"lat":"north"');
    await page.close();
  });
});
