/**
 * Test hosts on one machine: network namespaces joined by a bridge, as PCs on one office LAN. Only addresses
 * this test makes (10.77.0.0/24 on its own bridge) and only inside its own namespaces; everything is removed
 * at the end. Needs root and iproute2; `available()` says why not, for the test to skip with that reason.
 */
import { execFileSync } from 'node:child_process';

const run = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export const SUBNET = '10.77.0';
const BRIDGE = 'ldbr0';

export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  try {
    run('netns', 'add', 'ld-probe');
    run('netns', 'del', 'ld-probe');
    return null;
  } catch (e) {
    return `ip netns does not work here: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

export type Lan = { hosts: Record<string, string>; remove(): void };

/** A bridge with the root namespace at .1, and one namespace per host at the address given (its last byte). */
export function makeLan(hosts: Record<string, number>): Lan {
  const names = Object.keys(hosts);
  const remove = () => {
    for (const n of names) {
      try {
        run('netns', 'del', `ld-${n}`);
      } catch {
        // not there
      }
    }
    try {
      run('link', 'del', BRIDGE);
    } catch {
      // not there
    }
  };
  remove();
  run('link', 'add', BRIDGE, 'type', 'bridge');
  run('addr', 'add', `${SUBNET}.1/24`, 'dev', BRIDGE);
  run('link', 'set', BRIDGE, 'up');
  const out: Record<string, string> = {};
  names.forEach((n, i) => {
    const ns = `ld-${n}`;
    run('netns', 'add', ns);
    run('link', 'add', `ldv${i}`, 'type', 'veth', 'peer', 'name', `ldp${i}`);
    run('link', 'set', `ldp${i}`, 'netns', ns);
    run('link', 'set', `ldv${i}`, 'master', BRIDGE);
    run('link', 'set', `ldv${i}`, 'up');
    run('-n', ns, 'addr', 'add', `${SUBNET}.${hosts[n]}/24`, 'dev', `ldp${i}`);
    run('-n', ns, 'link', 'set', `ldp${i}`, 'up');
    run('-n', ns, 'link', 'set', 'lo', 'up');
    out[n] = `${SUBNET}.${hosts[n]}`;
  });
  return { hosts: out, remove };
}
