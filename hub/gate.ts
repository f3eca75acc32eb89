/**
 * The hub's door, the same for HTTP and socket.io: a token is looked up (failed logins are logged, and
 * rate-limited per address), a station token must come over a connection with a client certificate
 * where mutual TLS is on, every refusal is in the audit trail, and each token has a cap on live connections
 * and a rate for its requests (a runaway or stolen token cannot take the hub for itself).
 */
import type { IncomingMessage } from 'node:http';
import type { HubIdentity, HubRole } from '../shared/hub-protocol';
import type { AuditQueue } from './audit-log';
import type { LoginGuard, TokenBook } from './auth';

export type Admission = { ok: true; who: HubIdentity } | { ok: false; status: 401 | 429; code: 'unauthorized' | 'unavailable'; message: string };

export type GateLimits = {
  /** Live socket.io connections one token may hold (a wall PC with a few screens, a console restarting). */
  connectionsPerToken: number;
  /** Requests per second one token may make, sustained, and in a burst. */
  requestsPerSecond: number;
  burst: number;
};
export const DEFAULT_LIMITS: GateLimits = { connectionsPerToken: 50, requestsPerSecond: 500, burst: 2000 };

export class Gate {
  private readonly connections = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly o: {
      tokens: TokenBook;
      guard: LoginGuard;
      audit: AuditQueue;
      clock: () => number;
      allows: (req: IncomingMessage, role: HubRole) => boolean;
      limits?: Partial<GateLimits>;
    },
  ) {}

  private get limits(): GateLimits {
    return { ...DEFAULT_LIMITS, ...this.o.limits };
  }

  /**
   * A valid token is admitted from any address (offices behind one NAT share theirs). A wrong one is logged
   * and counted per address; past the limit, wrong ones are answered 429 and no longer logged one by one
   * (tokens are 256 random bits: the limit keeps floods out of the log and the CPU, not guessers out).
   */
  admit(token: string | undefined, address: string, req: IncomingMessage, via: 'http' | 'socket'): Admission {
    const who = token ? this.o.tokens.lookup(token) : undefined;
    const refuse = (message: string, claimed = ''): Admission => {
      if (this.o.guard.blocked(address)) return { ok: false, status: 429, code: 'unavailable', message: 'too many failed logins from this address: try again in a minute' };
      this.o.guard.fail(address);
      const blockedNow = this.o.guard.blocked(address);
      this.o.audit.add({ at: this.o.clock(), tokenId: null, who: claimed, role: null, address, kind: 'login.failed', ticketNo: null, digest: null, result: `${via}: ${message}${blockedNow ? ' (limit reached: further failures from this address are refused for a minute, unlogged)' : ''}` });
      return { ok: false, status: 401, code: 'unauthorized', message };
    };
    if (!token) return refuse('missing token');
    if (!who) return refuse('unknown, revoked or expired token');
    if (!this.o.allows(req, who.role)) return refuse('a station token needs a client certificate from the district CA (mutual TLS)', who.name);
    return { ok: true, who };
  }

  /** A phone's site key refused at this address (counted with the failed logins: past the limit, refused unread). */
  siteRefused(address: string): void {
    this.o.guard.fail(address);
  }

  /** Whether this address has failed too often in the last minute (a site key is then refused before it is read). */
  blocked(address: string): boolean {
    return this.o.guard.blocked(address);
  }

  /** Take a connection slot for this token; false when it holds its cap already. */
  connect(who: HubIdentity): boolean {
    const n = this.connections.get(who.id) ?? 0;
    if (n >= this.limits.connectionsPerToken) return false;
    this.connections.set(who.id, n + 1);
    return true;
  }

  disconnect(who: HubIdentity): void {
    const n = (this.connections.get(who.id) ?? 1) - 1;
    if (n <= 0) this.connections.delete(who.id);
    else this.connections.set(who.id, n);
  }

  /** One request by this token: false when over its rate (token bucket). */
  take(who: HubIdentity): boolean {
    const { requestsPerSecond, burst } = this.limits;
    const now = this.o.clock();
    const b = this.buckets.get(who.id) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * requestsPerSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(who.id, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(who.id, b);
    return true;
  }
}

export const RATE_LIMITED = '请求过于频繁，请稍后重试 (too many requests for this token: retry later)';
