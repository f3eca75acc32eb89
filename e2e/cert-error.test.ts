/**
 * A certificate the console does not trust is said on screen as what it is (Chromium, web host): a hub over
 * https whose CA this console was not given → the red banner 证书不受信任, not a silent network retry; with
 * the CA configured the same hub syncs. Screenshot: docs/cert-untrusted-1920x1080.png.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTickets } from '../hub/demo/ticket-generator';
import { generateTokens } from '../hub/auth';
import { startHub, type Hub } from '../hub/hub-server';
import { hasOpenssl, makeTestPki, type TestPki } from '../test/support/test-pki';
import { launchChromium } from './support/browser';
import { ROOT, startTestConsole, type TestConsole } from './support/console';

let browser: Browser;
let hub: Hub;
let pki: TestPki;
const consoles: TestConsole[] = [];
beforeAll(async () => {
  if (!hasOpenssl()) return;
  pki = makeTestPki();
  hub = await startHub({ filename: ':memory:', tokens: generateTokens(), tls: pki.server, log: () => undefined });
  await hub.ingest(generateTickets(30, { now: Date.now(), seed: 5 }));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const c of consoles) await c.stop();
  await hub?.close();
  pki?.remove();
});

describe.runIf(hasOpenssl())('a hub certificate the console does not trust', () => {
  it('is shown on screen as 证书不受信任; with the district CA configured the console syncs', async () => {
    const token = hub.tokens.byRole('chair')!.token;
    const untrusting = await startTestConsole({ LIANDONG_HUB_URL: hub.url, LIANDONG_HUB_TOKEN: token }, { waitForSync: false });
    consoles.push(untrusting);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(untrusting.host.wallUrl);
    const banner = page.getByTestId('link-problem-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('证书不受信任');
    expect(await page.getByTestId('connection').textContent()).not.toContain('在线');
    await page.screenshot({ path: path.join(ROOT, 'docs', 'cert-untrusted-1920x1080.png') });
    await page.close();

    const trusting = await startTestConsole({ LIANDONG_HUB_URL: hub.url, LIANDONG_HUB_TOKEN: token, LIANDONG_HUB_CA: pki.caFile });
    consoles.push(trusting);
    const ok = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await ok.goto(trusting.host.wallUrl);
    await ok.locator('[data-ticket]').first().waitFor();
    expect(await ok.getByTestId('link-problem-banner').count()).toBe(0);
    await ok.close();
  });
});
