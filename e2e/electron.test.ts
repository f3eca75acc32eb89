/**
 * The wall in the real Electron shell (Playwright's _electron). Runs where the Electron binary exists
 * and a display is available; elsewhere it is skipped with the reason printed — never a silent pass.
 * The same journeys run in Chromium through the web host (wall.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/console';
import { electronBinary, hasDisplay } from './support/electron-binary';

const binary = electronBinary();

function skipReason(): string | undefined {
  if (!binary) return 'no Electron binary';
  if (!hasDisplay()) return 'no display for Electron (run under xvfb-run)';
  return undefined;
}

describe('Electron shell', () => {
  it('shows the wall over IPC with context isolation, sandbox and no Node in the page', async (ctx) => {
    const reason = skipReason();
    if (reason) {
      console.log(`skipped: ${reason}`);
      ctx.skip(reason);
    }
    const dataDir = await mkdtemp(path.join(tmpdir(), 'liandong-electron-'));
    const args = [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
    const app = await _electron.launch({ executablePath: binary!, args, env: { ...process.env, LIANDONG_DATA_DIR: dataDir } });
    try {
      const win = await app.firstWindow();
      await win.locator('[data-ticket]').first().waitFor();
      expect(await win.locator('[data-ticket]').count()).toBeGreaterThan(10);
      expect(await win.getByTestId('stream-total').textContent()).toBe('共 800 件');

      // The page has only the bridge: no require, no process, no ipcRenderer.
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await win.evaluate(() => Object.keys((window as unknown as { liandong: object }).liandong).sort())).toEqual(['onMessage', 'send']);

      // window.open is denied and navigation away is blocked.
      expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      const before = win.url();
      await win.evaluate(() => (location.href = 'https://example.com/'));
      await win.locator('[data-ticket]').first().waitFor();
      expect(win.url()).toBe(before);

    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
