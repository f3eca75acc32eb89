/** The sync status, kept current from its pushed event (no refetch per change). */
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../shared/contract';
import { useClient } from './client-context';
import { reportError } from './errors';

export function useSyncStatus(): SyncStatus | undefined {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    let alive = true;
    const load = () =>
      client.call('sync.status', {}).then(
        (s) => alive && setStatus(s),
        (e) => reportError(e),
      );
    void load();
    const offs = [client.on('sync.statusChanged', (s) => setStatus(s)), client.onLinkState((l) => l === 'open' && void load())];
    return () => {
      alive = false;
      offs.forEach((o) => o());
    };
  }, [client]);
  return status;
}
