/**
 * The ICE servers a link's ends use. On the district network the ends reach each other by their host candidates
 * and need none; offices behind NAT relay through the district's TURN server (coturn, Debian's package), whose
 * credentials the hub issues with an expiry — coturn's "TURN REST API" scheme (`use-auth-secret` with
 * `static-auth-secret` shared with the hub): the user name is `<expiry in seconds>:<who>`, the password the
 * base64 HMAC-SHA1 of the user name under the shared secret, so coturn checks it without asking the hub.
 * No public STUN server is ever named.
 */
import { createHmac } from 'node:crypto';
import { TURN_CREDENTIAL_TTL_MS, type IceServer } from '../../shared/live-link';

export type TurnConfig = { urls: string[]; secret: string };

/** LIANDONG_TURN_URL (one or more turn:/turns: URLs, comma-separated) and LIANDONG_TURN_SECRET; both or neither. */
export function readTurnConfig(env: NodeJS.ProcessEnv): TurnConfig | undefined {
  const urls = (env.LIANDONG_TURN_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  const secret = env.LIANDONG_TURN_SECRET ?? '';
  if (!urls.length && !secret) return undefined;
  if (!urls.length || !secret) throw new Error('LIANDONG_TURN_URL and LIANDONG_TURN_SECRET go together (the TURN server, and the secret shared with it: coturn static-auth-secret)');
  const bad = urls.find((u) => !/^turns?:[^\s]{1,200}$/.test(u));
  if (bad) throw new Error(`LIANDONG_TURN_URL: not a turn: or turns: URL: ${bad}`);
  return { urls, secret };
}

/** `until`: an earlier end of the credential than TURN_CREDENTIAL_TTL_MS (a phone's: its session's end). */
export function iceServersFor(turn: TurnConfig | undefined, who: string, now: number, until?: number): { iceServers: IceServer[]; expiresAt: number | null } {
  if (!turn) return { iceServers: [], expiresAt: null };
  const expiresAt = Math.min(now + TURN_CREDENTIAL_TTL_MS, until ?? Infinity);
  const username = `${Math.floor(expiresAt / 1000)}:${who.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80) || 'liandong'}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { iceServers: [{ urls: turn.urls, username, credential }], expiresAt };
}
