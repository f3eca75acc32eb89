/** Sync area: where the tickets come from and how fresh they are; what could not be applied. */
import { z } from 'zod';

/**
 * Why the hub cannot be reached when the network is not the reason: its certificate is not trusted (a private
 * CA not configured, or someone in the middle), names another host, has expired or is not valid yet; it wants
 * a client certificate; or it refused this console's token (unknown, revoked, expired).
 */
export const LINK_PROBLEMS = ['certUntrusted', 'certNameMismatch', 'certExpired', 'certNotYetValid', 'clientCertRequired', 'tokenRefused'] as const;
export const LinkProblem = z.enum(LINK_PROBLEMS);
export type LinkProblem = z.infer<typeof LinkProblem>;

export const SyncStatus = z.object({
  /** 'demo': the embedded demo hub (no hub configured); 'hub': a configured hub. */
  source: z.enum(['demo', 'hub']),
  connection: z.enum(['online', 'offline', 'connecting']),
  hubUrl: z.string().nullable(),
  lastSyncAt: z.number().int().nullable(),
  /** How far behind the hub the store is, in ms, when known (0 when caught up); null while offline. */
  lagMs: z.number().int().nonnegative().nullable(),
  /** Since when the hub has been unreachable (set when the link goes down, kept while it reconnects, null once online). */
  offlineSince: z.number().int().nullable().default(null),
  /** User actions waiting in the outbox. */
  pendingActions: z.number().int().nonnegative(),
  /** Sequence number of the last change applied. */
  lastSeq: z.number().int().nonnegative(),
  /** During a large pull: how far along it is (seq-based), else null. */
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** Records set aside because they could not be applied. */
  quarantined: z.number().int().nonnegative(),
  /** The last sync failure, cleared on success. */
  lastError: z.string().nullable(),
  /** A reason the hub cannot be reached that someone must fix (certificate, token), cleared once connected. */
  linkProblem: LinkProblem.nullable().default(null),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const QuarantineItem = z.object({ id: z.number().int(), at: z.number().int(), source: z.string(), reason: z.string(), raw: z.string() });
export type QuarantineItem = z.infer<typeof QuarantineItem>;

export const syncMethods = {
  'sync.status': { input: z.object({}).strict(), output: SyncStatus },
  'sync.quarantine': {
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ items: z.array(QuarantineItem), total: z.number().int().nonnegative() }),
  },
};

export const syncEvents = {
  'sync.statusChanged': SyncStatus,
};
