/** The state of the link to the console service ('open' when the transport cannot drop, as with IPC). */
import { useEffect, useState } from 'react';
import type { LinkState } from '../../shared/rpc/client';
import { useClient } from './client-context';

export function useLinkState(initial: LinkState): LinkState {
  const client = useClient();
  const [state, setState] = useState<LinkState>(initial);
  useEffect(() => client.onLinkState(setState), [client]);
  return state;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
