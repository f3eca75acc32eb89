/**
 * The browser for end-to-end tests: a Chromium already on the machine (never a download).
 * When none is found the test fails and says how to install one.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env = process.env): string {
  const configured = env.LIANDONG_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`LIANDONG_CHROMIUM=${configured} does not exist`);
    return configured;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install Debian\'s: `sudo apt-get install -y chromium` ' +
        '(or set LIANDONG_CHROMIUM=/path/to/chrome). Never `npx playwright install`.',
    );
  }
  return found;
}

/** `executablePath`: another way to start the same Chromium (say, inside a network namespace: site-network.ts). */
export function launchChromium(extraArgs: string[] = [], executablePath = findChromium()): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', ...extraArgs],
  });
}
