/**
 * A stand-in for the console's client in renderer tests: calls wait until the test answers them, events and link
 * states are sent by the test. Only what the hooks use (call, on, onLinkState).
 */
import type { LiandongClient } from '../app/client-context';

type Pending = { method: string; input: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export function fakeClient() {
  const calls: Pending[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(s: 'open' | 'closed') => void>();
  const client = {
    call: (method: string, input: unknown) => new Promise((resolve, reject) => calls.push({ method, input, resolve, reject })),
    on: (event: string, l: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(l);
      listeners.set(event, set);
      return () => set.delete(l);
    },
    onLinkState: (l: (s: 'open' | 'closed') => void) => {
      linkListeners.add(l);
      return () => linkListeners.delete(l);
    },
  } as unknown as LiandongClient;
  return {
    client,
    /** Calls made and not yet answered, oldest first. */
    calls,
    /** Every call made so far, answered or not. */
    made: [] as string[],
    emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    link: (s: 'open' | 'closed') => linkListeners.forEach((l) => l(s)),
    listening: (event: string) => listeners.get(event)?.size ?? 0,
    /** Answer the oldest open call. */
    answer(value: unknown) {
      const c = calls.shift();
      if (!c) throw new Error('no call to answer');
      c.resolve(value);
    },
    fail(e: unknown) {
      const c = calls.shift();
      if (!c) throw new Error('no call to fail');
      c.reject(e);
    },
  };
}
