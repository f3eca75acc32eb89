/**
 * Hub tokens: one per device or person, each with an id, a role (chair console, station bound to one
 * sub-district, viewer wall, ingest feed), a name (who or which PC), and an expiry. The hub keeps only each
 * token's SHA-256 (tokens are 32 random bytes: a plain hash is enough) and finds a token by its hash.
 * Tokens issued with `npm run hub -- tokens …` live in the hub's store; the book reloads them when they
 * change (another process may have issued or revoked one), so a revocation takes effect without a restart,
 * and tells the hub which identities are gone so their sockets are closed. Tokens given at start (tests, the
 * console's embedded demo hub) live in memory only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { DIVISIONS } from '../shared/domain/divisions';
import type { HubIdentity, HubRole, HubTokenEntry } from '../shared/hub-protocol';
import type { HubDb } from './store/hub-store';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newTokenSecret = (): string => `ld_${randomBytes(32).toString('base64url')}`;
const newId = (): string => randomBytes(6).toString('base64url');
const DISTRICT_STATIONS = new Set(DIVISIONS.subDistricts.map((s) => s.code));

type Known = HubIdentity;

/** Not revoked (it is in the book) and not expired at `now`. */
const liveAt = (k: Known, now: number) => k.expiresAt === null || k.expiresAt > now;

export class TokenBook {
  private byHash = new Map<string, Known>();
  private readonly seeded: (HubIdentity & { token: string })[];
  private lastChange: string | null = null;
  private byId = new Map<string, Known>();
  /** Ids valid at the last refresh: one gone since (revoked or expired) is reported once. */
  private validIds = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly goneListeners = new Set<(ids: ReadonlySet<string>) => void>();

  private constructor(
    private readonly db: HubDb | null,
    seeded: readonly HubTokenEntry[],
    private readonly clock: () => number,
  ) {
    this.seeded = seeded.map((e, i) => ({ id: `mem-${i + 1}`, role: e.role, stationCode: e.stationCode, name: e.name, expiresAt: e.expiresAt ?? null, token: e.token }));
  }

  static async open(db: HubDb | null, seeded: readonly HubTokenEntry[], clock: () => number, pollMs = 1000): Promise<TokenBook> {
    const book = new TokenBook(db, seeded, clock);
    await book.reload();
    const now = clock();
    book.validIds = book.liveIds(now);
    // Polled with a store (tokens issued or revoked by another process) and without one (expiry still closes
    // live links of tokens given at start).
    if (pollMs > 0) {
      book.timer = setInterval(() => void book.refresh().catch(() => undefined), pollMs);
      book.timer.unref?.();
    }
    return book;
  }

  /** The identity a token stands for, if it is known, not revoked and not expired. */
  lookup(token: string | undefined | null): HubIdentity | undefined {
    if (!token || token.length > 300) return undefined;
    // Found by its SHA-256: what a guesser could time is a lookup of hashes, which says nothing of any token.
    const known = this.byHash.get(tokenHash(token));
    return known && liveAt(known, this.clock()) ? { ...known } : undefined;
  }

  /** Whether an identity is still valid (not revoked since the last reload, not expired now). */
  valid(who: HubIdentity): boolean {
    const k = this.byId.get(who.id);
    return k !== undefined && liveAt(k, this.clock());
  }

  /** Whether a station with this code can take part: one of the district's sub-districts, or a station the
   * hub holds a token for. */
  knowsStation(code: string): boolean {
    if (DISTRICT_STATIONS.has(code)) return true;
    for (const k of this.byHash.values()) if (k.role === 'station' && k.stationCode === code) return true;
    return false;
  }

  /** A token given at start with this role (tests and the embedded demo hub know their plaintext). */
  byRole(role: HubRole, stationCode: string | null = null): (HubIdentity & { token: string }) | undefined {
    return this.seeded.find((e) => e.role === role && (role !== 'station' || e.stationCode === stationCode));
  }

  /** Called with the ids of identities that are no longer valid (revoked, expired), so their links close. */
  onGone(l: (ids: ReadonlySet<string>) => void): () => void {
    this.goneListeners.add(l);
    return () => this.goneListeners.delete(l);
  }

  /** Reload when the stored tokens changed; report identities gone (revoked, or expired since the last look). */
  async refresh(): Promise<void> {
    if (this.db && (await this.changeMark()) !== this.lastChange) await this.reload();
    const still = this.liveIds(this.clock());
    const gone = new Set([...this.validIds].filter((id) => !still.has(id)));
    this.validIds = still;
    if (gone.size) this.goneListeners.forEach((l) => l(gone));
  }

  private liveIds(now: number): Set<string> {
    return new Set([...this.byHash.values()].filter((k) => liveAt(k, now)).map((k) => k.id));
  }

  /** Changes whenever a row is added or changed, whatever the clocks did (count, latest and sum of stamps). */
  private async changeMark(): Promise<string> {
    const r = await sql<{ c: number | null; n: number; t: number | null }>`select max(changed_at) as c, count(*) as n, total(changed_at) as t from hub_tokens`.execute(this.db!);
    const row = r.rows[0];
    return `${row?.n ?? 0}:${row?.c ?? 0}:${row?.t ?? 0}`;
  }

  private async reload(): Promise<void> {
    const next = new Map<string, Known>();
    for (const e of this.seeded) {
      const hash = tokenHash(e.token);
      const { token: _, ...who } = e;
      next.set(hash, who);
    }
    if (this.db) {
      this.lastChange = await this.changeMark();
      const rows = await this.db.selectFrom('hub_tokens').selectAll().where('revoked_at', 'is', null).execute();
      for (const r of rows) next.set(r.hash, { id: r.id, role: r.role as HubRole, stationCode: r.station_code, name: r.name, expiresAt: r.expires_at });
    }
    this.byHash = next;
    this.byId = new Map([...next.values()].map((k) => [k.id, k]));
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** A chair token, a viewer token, an ingest token and one station token per sub-district (tests and the demo). */
export function generateTokens(): HubTokenEntry[] {
  return [
    { token: newTokenSecret(), role: 'chair', stationCode: null, name: '区指挥中心' },
    { token: newTokenSecret(), role: 'viewer', stationCode: null, name: '只读大屏' },
    { token: newTokenSecret(), role: 'ingest', stationCode: null, name: '工单接入' },
    ...DIVISIONS.subDistricts.map((s) => ({ token: newTokenSecret(), role: 'station' as const, stationCode: s.code, name: s.name })),
  ];
}

export { newId as newTokenId };

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Failed logins per remote address: after `limit` in a window the address is refused without a lookup for
 * the rest of it (a token cannot be guessed at speed). Kept per hub process.
 */
export class LoginGuard {
  private readonly failures = new Map<string, { since: number; n: number }>();
  constructor(
    private readonly clock: () => number,
    private readonly limit = 20,
    private readonly windowMs = 60_000,
  ) {}

  blocked(address: string): boolean {
    const f = this.failures.get(address);
    if (!f) return false;
    if (this.clock() - f.since > this.windowMs) {
      this.failures.delete(address);
      return false;
    }
    return f.n >= this.limit;
  }

  fail(address: string): void {
    const now = this.clock();
    const f = this.failures.get(address);
    if (!f || now - f.since > this.windowMs) this.failures.set(address, { since: now, n: 1 });
    else f.n++;
    if (this.failures.size > 100_000) this.failures.clear(); // bounded memory under a flood from many addresses
  }
}
