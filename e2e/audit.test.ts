/**
 * 审计日志 on the chair's console (Chromium, web host): what was done at the hub — an action from this
 * console, a console change (a routing rule saved, through the outbox), a failed login — is listed newest
 * first with who, role, address, kind, ticket and result; the kind and ticket filters narrow it; 导出 CSV
 * downloads the filtered trail. Screenshot: docs/audit-1920x1080.png.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcCall } from '../test/support/rpc-ws';
import { launchChromium } from './support/browser';
import { ROOT, startTestConsole, type TestConsole } from './support/console';

let browser: Browser;
let con: TestConsole;
beforeAll(async () => {
  con = await startTestConsole();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

const call = (method: string, input: unknown) => rpcCall(con.host.url, con.host.token, method, input);

describe('the audit trail on the chair console', () => {
  it('lists what was done at the hub, filters it, and exports it as CSV', async () => {
    const hub = con.service.embedded!.hub;
    const { items } = await call('tickets.list', { limit: 1 });
    const ticketNo: string = items[0].ticketNo;
    const comment = await con.service.outbox.submit({ kind: 'comment', ticketNo, note: '审计测试：请核实' });
    await call('routing.save', { category: 'leakingRoof', keywords: [], subDistrictCode: '320613003', communityCode: null, leadDepartment: '区住建局', fromTicketNo: null });
    expect((await fetch(`${hub.url}/api/v1/changes`, { headers: { Authorization: 'Bearer ld_not-a-real-token' } })).status).toBe(401);
    // Both outbox items delivered (the console change goes the same way as the comment).
    await expect.poll(async () => (await call('actions.list', { limit: 10 })).items.filter((i: { state: string }) => i.state === 'delivered').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(comment.state).toBe('pending');

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    await page.goto(con.host.wallUrl);
    await page.getByTestId('view-audit').click();
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    const text = await page.getByTestId('audit-view').textContent();
    expect(text).toContain('工单操作 · 备注');
    expect(text).toContain('本机配置 · 分派规则');
    expect(text).toContain('分派规则已保存');
    expect(text).toContain('登录 · 失败已拒绝');
    expect(text).toContain(ticketNo);
    await page.screenshot({ path: path.join(ROOT, 'docs', 'audit-1920x1080.png') });

    await page.getByTestId('audit-kind').selectOption('login');
    await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes('登录'))).toBe(true);
    await page.getByTestId('audit-kind').selectOption('');
    await page.getByTestId('audit-ticket').fill(ticketNo);
    await expect.poll(async () => (await rows.allTextContents()).length > 0 && (await rows.allTextContents()).every((r) => r.includes(ticketNo))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffseq,time (Beijing),token id,who,role,address,kind,ticket,digest,result');
    expect(csv).toContain('action.comment');
    expect(csv.split('\r\n').slice(1).filter(Boolean).every((l) => l.includes(ticketNo))).toBe(true);
    await page.close();
  });
});
