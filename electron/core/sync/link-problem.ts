/**
 * Why a hub cannot be reached, when the reason is not the network: the hub's certificate is not one this
 * console trusts (a private CA not given, or a man in the middle), it names another host, it has expired or is
 * not valid yet; the hub wants a client certificate; the hub refused the token (unknown, revoked, expired).
 * These are shown on screen as what they are, not retried silently as a network error.
 */
import type { LinkProblem } from '../../../shared/contract';

const TLS_CODES: Record<string, LinkProblem> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certUntrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'certUntrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certUntrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certUntrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certUntrusted',
  CERT_SIGNATURE_FAILURE: 'certUntrusted',
  CERT_UNTRUSTED: 'certUntrusted',
  CERT_REJECTED: 'certUntrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certNameMismatch',
  HOSTNAME_MISMATCH: 'certNameMismatch',
  CERT_HAS_EXPIRED: 'certExpired',
  CERT_NOT_YET_VALID: 'certNotYetValid',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'clientCertRequired',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'clientCertRequired',
};

/** The problem behind an error from node:https, ws or socket.io-client (their causes searched too), or null. */
export function linkProblemOf(e: unknown): LinkProblem | null {
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const o = cur as { code?: unknown; message?: unknown; cause?: unknown; description?: unknown; error?: unknown };
    if (typeof o.code === 'string' && TLS_CODES[o.code]) return TLS_CODES[o.code]!;
    if (typeof o.message === 'string') {
      if (/^unauthorized: a station token needs a client certificate/.test(o.message)) return 'clientCertRequired';
      if (/^unauthorized/.test(o.message)) return 'tokenRefused';
      const code = /\b([A-Z][A-Z0-9_]{8,})\b/.exec(o.message)?.[1];
      if (code && TLS_CODES[code]) return TLS_CODES[code]!;
    }
    cur = o.cause ?? o.description ?? o.error;
  }
  return null;
}
