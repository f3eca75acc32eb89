/**
 * An open wall page and a web host restart (Chromium, the built out/main/webhost.js as `npm start` runs it):
 * the page says it lost its link, and once the web host is back — same data folder, so the same port and
 * tokens — it is live again without anyone touching it. The token is not left in the address bar.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { ROOT } from './support/console';

let browser: Browser;
let dir: string;
let child: ChildProcess | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-whr-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stop();
  await rm(dir, { recursive: true, force: true });
});

function startWebHost(): Promise<string> {
  child = spawn(process.execPath, [path.join(ROOT, 'out/main/webhost.js')], { cwd: ROOT, env: { ...process.env, LIANDONG_DATA_DIR: dir, LIANDONG_DEMO_RATE: '0', LIANDONG_WEB: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const c = child;
  return new Promise((resolve, reject) => {
    createInterface({ input: c.stdout! }).on('line', (l) => {
      const m = /^Liandong wall: (\S+)/.exec(l);
      if (m) resolve(m[1]!);
    });
    c.once('exit', (code) => reject(new Error(`web host exited (${code})`)));
  });
}
async function stop(): Promise<void> {
  const c = child;
  child = undefined;
  if (!c || c.exitCode !== null) return;
  c.kill('SIGTERM');
  await new Promise((r) => c.once('exit', r));
}

describe('a web host restart', () => {
  it('leaves an open wall page live again by itself, on the same address and token', async () => {
    const first = await startWebHost();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(first);
    await page.locator('[data-ticket]').first().waitFor();
    expect(page.url()).not.toContain('token=');

    await stop();
    await page.getByTestId('link-banner').waitFor();
    const second = await startWebHost();
    expect(second).toBe(first);
    await page.getByTestId('link-banner').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-ticket]').first().waitFor();
    expect(await page.getByTestId('connection').textContent()).toContain('在线');
    await page.close();
  });
});
