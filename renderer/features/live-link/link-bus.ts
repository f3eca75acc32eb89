/**
 * One subscription per page to the console's `links.signal` events, handed to the live links of this page by
 * link id; and this page's own leg (its end's name among the console's screens: the hub names the end
 * `<token id>/<leg>`). The ICE servers are asked once per page and again when their credentials expire.
 */
import type { LinkSignalPush } from '../../../shared/live-link';
import type { LiandongClient } from '../../app/client-context';

const LEG = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
export const pageLeg = (): string => LEG;

type Bus = { handlers: Map<string, Set<(p: LinkSignalPush) => void>> };
const buses = new WeakMap<LiandongClient, Bus>();

export function onLinkSignal(client: LiandongClient, linkId: string, handler: (p: LinkSignalPush) => void): () => void {
  let bus = buses.get(client);
  if (!bus) {
    const b: Bus = { handlers: new Map() };
    client.on('links.signal', (p) => b.handlers.get(p.linkId)?.forEach((h) => h(p)));
    buses.set(client, b);
    bus = b;
  }
  const set = bus.handlers.get(linkId) ?? new Set();
  bus.handlers.set(linkId, set);
  set.add(handler);
  return () => {
    set.delete(handler);
    if (!set.size) bus.handlers.delete(linkId);
  };
}

let ice: { at: Promise<{ iceServers: RTCIceServer[]; expiresAt: number | null }> } | undefined;
/** The ICE servers (none on a district network without TURN), fetched again an hour before they expire. */
export async function iceServers(client: LiandongClient): Promise<RTCIceServer[]> {
  const known = ice && (await ice.at.catch(() => undefined));
  if (!known || (known.expiresAt !== null && known.expiresAt - Date.now() < 3600_000)) ice = { at: client.call('links.ice', {}) };
  return (await ice!.at).iceServers;
}
