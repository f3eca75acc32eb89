import { describe, expect, it } from 'vitest';
import { iceServersFor, readTurnConfig } from './ice-servers';

const NOW = Date.UTC(2026, 11, 1, 6);

describe('ICE servers for live links', () => {
  it('names no server on a district network without TURN (host candidates only; never a public STUN server)', () => {
    expect(readTurnConfig({})).toBeUndefined();
    expect(iceServersFor(undefined, 'mem-1', NOW)).toEqual({ iceServers: [], expiresAt: null });
  });

  it('issues TURN credentials coturn checks by its shared secret (TURN REST scheme), valid for 12 hours', () => {
    const turn = readTurnConfig({ LIANDONG_TURN_URL: 'turn:10.20.0.1:3478?transport=udp, turns:turn.district.local:5349', LIANDONG_TURN_SECRET: 'district-turn-secret' });
    const { iceServers, expiresAt } = iceServersFor(turn, 'mem-1', NOW);
    expect(expiresAt).toBe(NOW + 12 * 3600_000);
    // A phone's ends with its session.
    expect(iceServersFor(turn, 'site-1', NOW, NOW + 3_600_000).expiresAt).toBe(NOW + 3_600_000);
    expect(iceServersFor(turn, 'site-1', NOW, NOW + 3_600_000).iceServers[0]!.username).toMatch(new RegExp(`^${Math.floor((NOW + 3_600_000) / 1000)}:`));
    // openssl: echo -n "1796148000:mem-1" | openssl dgst -sha1 -hmac district-turn-secret -binary | base64
    expect(iceServers).toEqual([{ urls: ['turn:10.20.0.1:3478?transport=udp', 'turns:turn.district.local:5349'], username: '1796148000:mem-1', credential: 'vhMbYmdHCdGUcJZTkVjpuO3bjqM=' }]);
  });

  it('refuses half a configuration and URLs that are not TURN', () => {
    expect(() => readTurnConfig({ LIANDONG_TURN_URL: 'turn:10.20.0.1:3478' })).toThrow(/go together/);
    expect(() => readTurnConfig({ LIANDONG_TURN_URL: 'stun:stun.l.google.com:19302', LIANDONG_TURN_SECRET: 'x' })).toThrow(/not a turn/);
  });
});
