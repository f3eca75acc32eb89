/** Sync area: where the tickets come from and how fresh they are. */
import { z } from 'zod';

export const SyncStatus = z.object({
  /** 'demo': tickets seeded from resources/demo; 'hub': synced from a hub. */
  source: z.enum(['demo', 'hub']),
  connection: z.enum(['online', 'offline', 'connecting']),
  hubUrl: z.string().nullable(),
  lastSyncAt: z.number().int().nullable(),
  /** How far behind the hub the store is, in ms, when known. */
  lagMs: z.number().int().nonnegative().nullable(),
  /** User actions waiting in the outbox. */
  pendingActions: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const syncMethods = {
  'sync.status': { input: z.object({}).strict(), output: SyncStatus },
};

export const syncEvents = {
  'sync.statusChanged': SyncStatus,
};
