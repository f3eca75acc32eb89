// Screenshots of the wall for docs/, from a real console in Chromium through the web host:
//  - the wall at 1920×1080 and 3840×2160 (embedded demo hub);
//  - offline from a hub, with a comment waiting in the outbox on the ticket card.
// Run: npm run screenshots   (after npm run build)
import path from 'node:path';
import { generateTokens } from '../hub/auth';
import { generateTickets } from '../hub/demo/ticket-generator';
import { startHub } from '../hub/hub-server';
import { launchChromium } from '../e2e/support/browser';
import { ROOT, startTestConsole } from '../e2e/support/console';
import { startCuttingProxy } from '../test/support/tcp-proxy';

const SIZES: [number, number][] = [
  [1920, 1080],
  [3840, 2160],
];
const out = (name: string) => path.join(ROOT, 'docs', name);

async function main(): Promise<void> {
  const browser = await launchChromium();
  const con = await startTestConsole();
  try {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(con.host.wallUrl);
      await page.locator('[data-ticket]').first().waitFor();
      await page.getByTestId('count-total').locator('.tile-value').filter({ hasText: /\d/ }).waitFor();
      await page.getByTestId('map-count').waitFor();
      // Points are in; wait until the map has drawn its sources (the overdue halo keeps it repainting).
      await page.waitForFunction(() => {
        const map = (window as unknown as { __liandongMap?: { isSourceLoaded(id: string): boolean } }).__liandongMap;
        return !!map && map.isSourceLoaded('tickets') && map.isSourceLoaded('areas') && map.isSourceLoaded('heat');
      });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: out(`wall-${width}x${height}.png`) });
      console.log(`wrote docs/wall-${width}x${height}.png`);
      await page.getByTestId('view-kpi').click();
      await page.getByTestId('kpi-ranking').locator('tbody tr').first().waitFor();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await page.screenshot({ path: out(`wall-kpi-${width}x${height}.png`) });
      console.log(`wrote docs/wall-kpi-${width}x${height}.png`);
      await page.close();
    }
  } finally {
    await con.stop();
  }

  const hub = await startHub({ filename: ':memory:', tokens: generateTokens() });
  await hub.ingest(generateTickets(3000, { now: Date.now(), seed: 21 }));
  const proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
  const hubCon = await startTestConsole({ LIANDONG_HUB_URL: proxy.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token });
  try {
    await hubCon.service.sync.whenCursorAtLeast(hub.store.head);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(hubCon.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    proxy.down();
    await page.getByTestId('offline-banner').waitFor();
    await page.locator('[data-ticket]').nth(1).click();
    await page.getByTestId('comment-input').fill('网格员已在现场,正在核实');
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('ticket-card').getByTestId('outbox-pending').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: out('wall-offline-card.png') });
    console.log('wrote docs/wall-offline-card.png');
    await page.close();
  } finally {
    await hubCon.stop();
    await proxy.close();
    await hub.close();
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
