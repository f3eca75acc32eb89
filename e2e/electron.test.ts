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
    const app = await _electron.launch({ executablePath: binary!, args, env: { ...process.env, LIANDONG_DATA_DIR: dataDir, LIANDONG_GPU: 'swiftshader' } });
    try {
      const win = await app.firstWindow();
      await win.locator('[data-ticket]').first().waitFor();
      expect(await win.locator('[data-ticket]').count()).toBeGreaterThan(10);
      expect(await win.getByTestId('stream-total').textContent()).toBe('共 800 件');

      // The page has only the bridge: no require, no process, no ipcRenderer.
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await win.evaluate(() => Object.keys((window as unknown as { liandong: object }).liandong).sort())).toEqual(['onMessage', 'send']);

      // window.open is denied: the page gets null and no second window is made.
      expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

      // Navigation away is attempted — the main process sees it — and refused: the page stays where it was.
      const before = win.url();
      const attempt = app.evaluate(
        ({ BrowserWindow }) =>
          new Promise<{ url: string; prevented: boolean }>((resolve) => {
            const wc = BrowserWindow.getAllWindows()[0]!.webContents;
            // Registered after the shell's own handler: it sees whether that one refused.
            wc.once('will-navigate', (e, url) => setImmediate(() => resolve({ url, prevented: e.defaultPrevented })));
          }),
      );
      await win.evaluate(() => (location.href = 'https://example.com/'));
      expect(await attempt).toEqual({ url: 'https://example.com/', prevented: true });
      expect(win.url()).toBe(before);
      expect(await win.locator('[data-ticket]').count()).toBeGreaterThan(10);

      // A call over IPC and its event back: a comment on a ticket goes through the core and the embedded hub,
      // and its row appears in the card's timeline (it was not there before).
      const note = `Electron IPC ${Date.now()}`;
      await win.locator('[data-ticket]').first().click();
      const card = win.getByTestId('ticket-card');
      await card.waitFor();
      expect(await card.getByTestId('timeline').getByText(note).count()).toBe(0);
      await win.getByTestId('comment-input').fill(note);
      await win.getByTestId('comment-submit').click();
      await card.getByTestId('timeline').getByText(note).waitFor();
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
