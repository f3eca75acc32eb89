/**
 * The sync indicator's state, kept in one place and announced on change.
 * (The hub sync arrives with its own issue; until then the source is the seeded demo data.)
 */
import type { SyncStatus } from '../../shared/contract';

/** The status before the first connection. */
export function initialSyncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return { source: 'hub', connection: 'connecting', hubUrl: null, lastSyncAt: null, lagMs: null, pendingActions: 0, lastSeq: 0, progress: null, quarantined: 0, lastError: null, linkProblem: null, ...patch };
}

export class SyncStatusHolder {
  private state: SyncStatus;
  private readonly listeners = new Set<(s: SyncStatus) => void>();

  constructor(initial: SyncStatus) {
    this.state = initial;
  }
  get(): SyncStatus {
    return this.state;
  }
  update(patch: Partial<SyncStatus>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
  onChanged(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
