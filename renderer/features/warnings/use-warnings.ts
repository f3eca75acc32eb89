/** The active early warnings, kept current by the 'warnings.changed' event. */
import { useEffect, useState } from 'react';
import type { EarlyWarning } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';

export function useActiveWarnings(): EarlyWarning[] {
  const client = useClient();
  const [active, setActive] = useState<EarlyWarning[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => client.call('warnings.list', { includeCleared: false, limit: 100 }).then((r) => alive && setActive(r.items), reportError);
    void load();
    const offs = [client.on('warnings.changed', ({ active }) => setActive(active)), client.onLinkState((s) => s === 'open' && void load())];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [client]);
  return active;
}
