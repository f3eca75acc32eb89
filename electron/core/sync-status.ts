/**
 * The sync indicator's state, kept in one place and announced on change. Going offline is noted here, once,
 * whoever says so (the hub link dropping, a pull failing): `offlineSince` is set then and kept until the
 * console is online again, and the lag is unknown meanwhile.
 */
import type { SyncStatus } from '../../shared/contract';

/** The status before the first connection. */
export function initialSyncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return { source: 'hub', connection: 'connecting', hubUrl: null, lastSyncAt: null, lagMs: null, offlineSince: null, pendingActions: 0, lastSeq: 0, progress: null, quarantined: 0, lastError: null, linkProblem: null, ...patch };
}

export class SyncStatusHolder {
  private state: SyncStatus;
  private readonly listeners = new Set<(s: SyncStatus) => void>();

  constructor(
    initial: SyncStatus,
    private readonly clock: () => number = Date.now,
  ) {
    this.state = initial;
  }
  get(): SyncStatus {
    return this.state;
  }
  update(patch: Partial<SyncStatus>): void {
    const next = { ...this.state, ...patch };
    if (next.connection === 'offline') {
      next.offlineSince = this.state.offlineSince ?? this.clock();
      next.lagMs = null;
    } else if (next.connection === 'online') next.offlineSince = null;
    this.state = next;
    for (const l of this.listeners) l(this.state);
  }
  onChanged(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
