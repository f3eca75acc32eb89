/**
 * Early warning on the wall (Chromium, web host): eleven tickets of one matter arrive → a warning card
 * appears beside the demo's own (景华城's lifts); 知悉 acknowledges it (through the outbox) and the card goes; the warnings view lists it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import { DIVISIONS } from '../shared/domain/divisions';
import { launchChromium } from './support/browser';
import { startTestConsole, type TestConsole } from './support/console';

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

describe('early warnings on the wall', () => {
  it('shows a card when the same matter passes the threshold, and 知悉 acknowledges it', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(con.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    // The demo history has its own matter (景华城's lifts, 任港); 幸福 has none yet.
    await page.getByTestId('warning-card').filter({ hasText: '任港 · ' }).waitFor();
    expect(await page.getByTestId('warning-card').filter({ hasText: '幸福 · ' }).count()).toBe(0);

    const xingfu = DIVISIONS.subDistricts.find((s) => s.shortName === '幸福')!;
    const community = xingfu.communities[0]!;
    const now = Date.now();
    await con.service.embedded!.hub.ingest(
      generateTickets(11, { now, seed: 77 }).map((r, i) => ({
        ...r,
        ticket: { ...r.ticket, ticketNo: `WARN-${i}`, category: 'greeneryDamage', subDistrictCode: xingfu.code, communityCode: community.code, receivedAt: now - i * 60_000, status: 'dispatched' },
      })),
    );
    const card = page.getByTestId('warning-card').filter({ hasText: '幸福 · ' });
    await card.waitFor();
    // Eleven new ones, plus any the demo history already had there.
    expect(await card.textContent()).toMatch(/幸福 · .+绿化破坏近 30 天 1\d 件（超过 10 件）/);
    expect(await page.getByTestId('view-warnings').textContent()).toBe('预警2');

    await card.getByTestId('warning-ack').click();
    await expect.poll(() => card.count()).toBe(0);
    await page.getByTestId('view-warnings').click();
    await expect.poll(() => page.getByTestId('warning-row').filter({ hasText: '幸福' }).getByTestId('warning-state').textContent()).toBe('已知悉');
    // Delivered to the hub: the acknowledgement is on the matter's latest ticket.
    await expect.poll(async () => JSON.parse((await con.service.embedded!.hub.store.getBody('WARN-0'))!).timeline.at(-1).note as string).toMatch(/^预警知悉：幸福/);
    await page.close();
  });
});
