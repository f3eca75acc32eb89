import { describe, expect, it } from 'vitest';
import { SyncStatusHolder, initialSyncStatus } from './sync-status';

describe('the sync status going offline', () => {
  it('notes since when once, keeps it while reconnecting, forgets the lag, and clears it once online', () => {
    let now = 1_000;
    const s = new SyncStatusHolder(initialSyncStatus(), () => now);
    s.update({ connection: 'online', lagMs: 0 });
    expect(s.get()).toMatchObject({ offlineSince: null, lagMs: 0 });
    now = 5_000;
    s.update({ connection: 'offline' });
    expect(s.get()).toMatchObject({ offlineSince: 5_000, lagMs: null });
    now = 9_000;
    s.update({ connection: 'offline', lastError: 'again' });
    s.update({ connection: 'connecting' });
    s.update({ lagMs: 1200 });
    expect(s.get().offlineSince).toBe(5_000);
    s.update({ connection: 'offline' });
    expect(s.get()).toMatchObject({ offlineSince: 5_000, lagMs: null });
    s.update({ connection: 'online', lagMs: 0 });
    expect(s.get()).toMatchObject({ offlineSince: null, lagMs: 0 });
  });
});
