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

export type Lan = {
  hosts: Record<string, string>;
  /** The root namespace's address on the bridge. */
  gateway: string;
  /** The namespace a host runs in (for `ip netns exec`). */
  namespace(host: string): string;
  /** Take a host's cable out, and put it back (everything between it and the others stops, then resumes). */
  unplug(host: string): void;
  plug(host: string): void;
  remove(): void;
};

/** A bridge with the root namespace at .1, and one namespace per host at the address given (its last byte).
 * `lan` names another bridge and subnet, for tests that may run beside the default one. */
export function makeLan(hosts: Record<string, number>, lan: { bridge: string; subnet: string; prefix: string } = { bridge: BRIDGE, subnet: SUBNET, prefix: 'ld' }): Lan {
  const names = Object.keys(hosts);
  const { bridge, subnet, prefix } = lan;
  const remove = () => {
    for (const n of names) {
      try {
        run('netns', 'del', `${prefix}-${n}`);
      } catch {
        // not there
      }
    }
    try {
      run('link', 'del', bridge);
    } catch {
      // not there
    }
  };
  remove();
  run('link', 'add', bridge, 'type', 'bridge');
  run('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
  run('link', 'set', bridge, 'up');
  const out: Record<string, string> = {};
  const cable = (n: string) => `${prefix}v${names.indexOf(n)}`;
  names.forEach((n, i) => {
    const ns = `${prefix}-${n}`;
    run('netns', 'add', ns);
    run('link', 'add', `${prefix}v${i}`, 'type', 'veth', 'peer', 'name', `${prefix}p${i}`);
    run('link', 'set', `${prefix}p${i}`, 'netns', ns);
    run('link', 'set', `${prefix}v${i}`, 'master', bridge);
    run('link', 'set', `${prefix}v${i}`, 'up');
    run('-n', ns, 'addr', 'add', `${subnet}.${hosts[n]}/24`, 'dev', `${prefix}p${i}`);
    run('-n', ns, 'link', 'set', `${prefix}p${i}`, 'up');
    run('-n', ns, 'link', 'set', 'lo', 'up');
    out[n] = `${subnet}.${hosts[n]}`;
  });
  return {
    hosts: out,
    gateway: `${subnet}.1`,
    namespace: (n) => `${prefix}-${n}`,
    unplug: (n) => run('link', 'set', cable(n), 'down'),
    plug: (n) => run('link', 'set', cable(n), 'up'),
    remove,
  };
}
