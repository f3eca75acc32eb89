/**
 * Call a contract method and keep the answer current: refetch when one of the named events arrives
 * or the link comes back. At most one call is in flight; events during it cause exactly one more (OneAtATime).
 * `atMostEveryMs` spaces event-driven refetches (a busy feed changes tickets many times a second; a panel of
 * counts read once a second looks the same and costs the store a fraction).
 */
import { useEffect, useRef, useState } from 'react';
import type { LiandongContract } from '../../shared/contract';
import type { CallInput, EventName, MethodName, Output } from '../../shared/rpc/define';
import { useClient } from './client-context';
import { reportError } from './errors';
import { OneAtATime } from '../../shared/one-at-a-time';

type C = LiandongContract;

export type LiveQuery<T> = { data: T | undefined; error: Error | undefined; loading: boolean };

export type LiveQueryOptions = {
  /** Refetch on an event only when this says the payload concerns us (default: every event). */
  when?: (payload: unknown) => boolean;
  /** Refetch whenever this value changes (e.g. a count the caller already watches). */
  key?: unknown;
  /** Expected failures (e.g. another sub-district's ticket a station does not hold) are not shown as errors. */
  quiet?: boolean;
  /** Refetch on events at most this often: the first event after a quiet spell at once, later ones together
   * when the interval is up (default: after each event, one call at a time). */
  atMostEveryMs?: number;
};

export function useLiveQuery<M extends MethodName<C>>(method: M, input: CallInput<C, M>, refreshOn: readonly EventName<C>[], options: LiveQueryOptions = {}): LiveQuery<Output<C, M>> {
  const client = useClient();
  const [state, setState] = useState<LiveQuery<Output<C, M>>>({ data: undefined, error: undefined, loading: true });
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;
  const whenRef = useRef(options.when);
  whenRef.current = options.when;
  const quietRef = useRef(options.quiet);
  quietRef.current = options.quiet;

  // The events by value (callers pass a new array each render).
  const events = refreshOn.join(',');
  useEffect(() => {
    let alive = true;
    let lastStart = 0;
    let spaced: ReturnType<typeof setTimeout> | undefined;
    const every = options.atMostEveryMs ?? 0;
    const fetches = new OneAtATime(async () => {
      lastStart = performance.now();
      try {
        const data = await client.call(method, inputRef.current);
        if (alive) setState({ data, error: undefined, loading: false });
      } catch (e) {
        if (alive) setState((s) => ({ ...s, error: e as Error, loading: false }));
        if (!quietRef.current) reportError(e);
      }
    });
    const run = () => void fetches.ask();
    /** An event: refetch, or once the interval since the last refetch is up. */
    const onEvent = () => {
      if (spaced) return;
      const wait = lastStart + every - performance.now();
      if (wait <= 0) return run();
      spaced = setTimeout(() => {
        spaced = undefined;
        run();
      }, wait);
    };
    run();
    const offs = (events ? (events.split(',') as EventName<C>[]) : []).map((ev) => client.on(ev, (payload) => (whenRef.current?.(payload) ?? true) && onEvent()));
    offs.push(client.onLinkState((s) => s === 'open' && run()));
    return () => {
      alive = false;
      clearTimeout(spaced);
      void fetches.stop();
      offs.forEach((off) => off());
    };
    // `key` (the input by value) and `options.key` are why the query runs again; the input itself is read from its ref.
  }, [client, method, key, events, options.key, options.atMostEveryMs]);

  return state;
}
