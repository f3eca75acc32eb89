/**
 * A second host for a live-link test: one namespace on a LAN of its own (test/support/netns.ts, on a bridge and
 * subnet apart from the fault tests'), and a Chromium that runs inside it. Unplugging the host cuts everything
 * between it and this machine — the page's link to its console and the WebRTC media alike.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeLan } from '../../test/support/netns';
import { findChromium } from './browser';

export { netnsUnavailable as siteNetworkUnavailable } from '../../test/support/netns';

export type SiteNetwork = { hostAddress: string; siteAddress: string; chromium: string; cut(): void; restore(): void; remove(): void };

export function createSiteNetwork(): SiteNetwork {
  const lan = makeLan({ site: 2 }, { bridge: 'ldbr-link', subnet: '10.78.0', prefix: 'ldl' });
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-site-net-'));
  const chromium = path.join(dir, 'chromium-in-site');
  writeFileSync(chromium, `#!/bin/sh\nexec ip netns exec ${lan.namespace('site')} ${findChromium()} "$@"\n`);
  chmodSync(chromium, 0o755);
  return {
    hostAddress: lan.gateway,
    siteAddress: lan.hosts.site!,
    chromium,
    cut: () => lan.unplug('site'),
    restore: () => lan.plug('site'),
    remove() {
      lan.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
