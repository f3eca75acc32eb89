/**
 * Hub tokens: each carries a role (chair console, station bound to one sub-district, viewer).
 * Looked up in constant time per entry; a missing or wrong token is refused with a clear error.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DIVISIONS } from '../shared/domain/divisions';
import type { HubTokenEntry } from '../shared/hub-protocol';

export class TokenBook {
  constructor(readonly entries: readonly HubTokenEntry[]) {}

  lookup(token: string | undefined | null): HubTokenEntry | undefined {
    if (!token) return undefined;
    const given = Buffer.from(token);
    let found: HubTokenEntry | undefined;
    for (const e of this.entries) {
      const want = Buffer.from(e.token);
      if (want.length === given.length && timingSafeEqual(want, given)) found = e;
    }
    return found;
  }

  byRole(role: HubTokenEntry['role'], stationCode: string | null = null): HubTokenEntry | undefined {
    return this.entries.find((e) => e.role === role && (role !== 'station' || e.stationCode === stationCode));
  }
}

const newToken = () => randomBytes(24).toString('base64url');

/** A chair token, a viewer token and one station token per sub-district. */
export function generateTokens(): HubTokenEntry[] {
  return [
    { token: newToken(), role: 'chair', stationCode: null, name: '区指挥中心' },
    { token: newToken(), role: 'viewer', stationCode: null, name: '只读大屏' },
    ...DIVISIONS.subDistricts.map((s) => ({ token: newToken(), role: 'station' as const, stationCode: s.code, name: s.name })),
  ];
}

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
