/**
 * A second host on this machine for a test: a network namespace joined to this one by a veth pair, on
 * addresses made for the test (10.213.<n>.1 here, .2 there), and a Chromium that runs inside it. Cutting the
 * pair's link cuts everything between the two — the page's link to its console and the WebRTC media alike —
 * and bringing it up restores them. Needs root and `ip` (iproute2); `unavailable()` says why when not.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './browser';

export type SiteNetwork = { hostAddress: string; siteAddress: string; chromium: string; cut(): void; restore(): void; remove(): void };

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Why no site network can be made here (not root, no iproute2, namespaces refused), or null. */
export function siteNetworkUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces)';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'needs iproute2 (`apt-get install -y iproute2`)';
  }
  const probe = `ld-probe-${process.pid}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
  } catch (e) {
    return `network namespaces refused here: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  }
  return null;
}

export function createSiteNetwork(n: number): SiteNetwork {
  const ns = `ld-site-${process.pid}-${n}`;
  const hostIf = `ldh${process.pid % 10000}${n}`.slice(0, 15);
  const siteIf = `lds${process.pid % 10000}${n}`.slice(0, 15);
  const hostAddress = `10.213.${n}.1`;
  const siteAddress = `10.213.${n}.2`;
  ip('netns', 'add', ns);
  ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', siteIf);
  ip('link', 'set', siteIf, 'netns', ns);
  ip('addr', 'add', `${hostAddress}/30`, 'dev', hostIf);
  ip('link', 'set', hostIf, 'up');
  ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${siteAddress}/30`, 'dev', siteIf);
  ip('netns', 'exec', ns, 'ip', 'link', 'set', siteIf, 'up');
  ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-site-net-'));
  const chromium = path.join(dir, 'chromium-in-site');
  writeFileSync(chromium, `#!/bin/sh\nexec ip netns exec ${ns} ${findChromium()} "$@"\n`);
  chmodSync(chromium, 0o755);
  return {
    hostAddress,
    siteAddress,
    chromium,
    cut: () => ip('link', 'set', hostIf, 'down'),
    restore: () => ip('link', 'set', hostIf, 'up'),
    remove() {
      try {
        ip('link', 'del', hostIf);
      } catch {
        // gone with the namespace already
      }
      ip('netns', 'del', ns);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
