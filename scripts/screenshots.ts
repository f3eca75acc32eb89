// Screenshots of the wall for docs/: a real console (demo data) served by the web host, in Chromium.
// Run: npm run screenshots   (after npm run build)
import path from 'node:path';
import { launchChromium } from '../e2e/support/browser';
import { ROOT, startTestConsole } from '../e2e/support/console';

const SIZES: [number, number][] = [
  [1920, 1080],
  [3840, 2160],
];

async function main(): Promise<void> {
  const con = await startTestConsole();
const browser = await launchChromium();
try {
  for (const [width, height] of SIZES) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(con.host.wallUrl);
    await page.locator('[data-ticket]').first().waitFor();
    await page.getByTestId('count-total').locator('.tile-value').filter({ hasText: /\d/ }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(ROOT, 'docs', `wall-${width}x${height}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(ROOT, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await con.stop();
}
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
