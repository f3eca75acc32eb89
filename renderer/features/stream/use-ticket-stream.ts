/**
 * The stream's data: the newest page, more pages on demand (keyset cursor), and pushed tickets merged in
 * place without asking the store again (matchesFilter is the store's filter as a pure function).
 * `tickets.refetch` (many changed at once) or a returning link reloads what is loaded.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TicketQuery } from '../../../shared/contract';
import type { Ticket } from '../../../shared/domain/ticket';
import { encodeCursor, matchesFilter, mergeNewestFirst, newestFirst } from '../../../shared/domain/ticket-filter';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';

export const STREAM_PAGE = 100;
/** How long a pushed row stays marked fresh (its highlight's CSS animation is as long). */
const FRESH_MS = 5000;
/** Rows kept beyond what was loaded: past it, pushes let the oldest go (they come back with "load more"),
 * so a wall left on for a week keeps merging a push in the same time as on its first day. */
const KEEP_MAX = 1000;
const TOTAL_EVERY_MS = 1000;
const MERGE_MS = 16;

type Filter = Omit<TicketQuery, 'limit' | 'cursor'>;
export type TicketStreamState = {
  items: Ticket[];
  total: number | undefined;
  loading: boolean;
  hasMore: boolean;
  /** Ticket numbers that arrived by a push since the last render of them (highlighted). */
  fresh: ReadonlySet<string>;
  loadMore(): void;
};

export function useTicketStream(given: Filter): TicketStreamState {
  const client = useClient();
  // The filter by value: a new object with the same filter (every render of the stream) changes nothing.
  const key = JSON.stringify(given);
  const filter = useMemo(() => JSON.parse(key) as Filter, [key]);
  const [items, setItems] = useState<Ticket[]>([]);
  const [total, setTotal] = useState<number>();
  /** The store has rows beyond the loaded ones (the next page starts after the last row shown). */
  const [more, setMore] = useState(false);
  /** Rows were let go at the end to stay within KEEP_MAX: there is more again. */
  const trimmed = useRef(false);
  /** Rows fetched from the store (first page and "load more"): never let go of by pushes. */
  const fetched = useRef(0);
  const [loading, setLoading] = useState(true);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const busy = useRef(false);
  const generation = useRef(0);

  const reload = useCallback(
    async (count: number) => {
      const gen = ++generation.current;
      setLoading(true);
      try {
        const page = await client.call('tickets.list', { ...filter, limit: Math.min(500, Math.max(STREAM_PAGE, count)) });
        if (gen !== generation.current) return;
        setItems(page.items);
        setTotal(page.total);
        setMore(page.nextCursor !== null);
        trimmed.current = false;
        fetched.current = page.items.length;
      } catch (e) {
        reportError(e);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [client, filter],
  );

  const loaded = useRef(0);
  loaded.current = items.length;

  useEffect(() => {
    setItems([]);
    setFresh(new Set());
    void reload(STREAM_PAGE);
    let totalTimer: ReturnType<typeof setTimeout> | undefined;
    // The total follows pushes at most once a second (a steady feed would otherwise hold it back for good).
    const refreshTotal = () => {
      totalTimer ??= setTimeout(() => {
        totalTimer = undefined;
        client.call('tickets.list', { ...filter, limit: 1 }).then((p) => setTotal(p.total), reportError);
      }, TOTAL_EVERY_MS);
    };
    // Pushes are merged at most every MERGE_MS: a busy feed sends a hundred a second, the screen shows them in one
    // render. (A timer, not the next animation frame: where frames come slowly — a wall drawing in software —
    // the rows would wait for the frame; this way they are in the page for the first frame that comes.)
    let pending: Ticket[] = [];
    const freshSince = new Map<string, number>();
    let merging: ReturnType<typeof setTimeout> | undefined;
    const merge = () => {
      merging = undefined;
      const tickets = pending;
      pending = [];
      const now = Date.now();
      setItems((current) => {
        // The latest push of each ticket replaces its row; the rest keep their places (one pass, no re-sort).
        const latest = new Map(tickets.map((t) => [t.ticketNo, t]));
        const kept = current.filter((t) => !latest.has(t.ticketNo));
        const oldest = current.at(-1);
        // Keep a pushed ticket if it matches and falls within what is loaded (older ones come with "load more").
        const added = [...latest.values()].filter((t) => matchesFilter(t, filter, now) && (!oldest || newestFirst(t, oldest) <= 0 || current.length < STREAM_PAGE)).sort(newestFirst);
        const max = Math.max(KEEP_MAX, fetched.current);
        if (kept.length + added.length > max) trimmed.current = true;
        return mergeNewestFirst(kept, added, max);
      });
      // A row stays highlighted for FRESH_MS after its last push, however many arrive meanwhile.
      for (const t of tickets) freshSince.set(t.ticketNo, now);
      for (const [no, at] of freshSince) if (now - at > FRESH_MS) freshSince.delete(no);
      setFresh(new Set(freshSince.keys()));
      refreshTotal();
    };
    const offChanged = client.on('tickets.changed', ({ tickets }) => {
      pending.push(...tickets);
      merging ??= setTimeout(merge, MERGE_MS);
    });
    const offRefetch = client.on('tickets.refetch', () => void reload(loaded.current));
    const offLink = client.onLinkState((s) => s === 'open' && void reload(loaded.current));
    return () => {
      offChanged();
      offRefetch();
      offLink();
      clearTimeout(totalTimer);
      clearTimeout(merging);
    };
  }, [client, filter, reload]);

  const hasMore = more || trimmed.current;
  const last = items.at(-1);
  const loadMore = useCallback(() => {
    if (!hasMore || !last || busy.current) return;
    busy.current = true;
    const gen = generation.current;
    client
      .call('tickets.list', { ...filter, limit: STREAM_PAGE, cursor: encodeCursor(last) })
      .then((page) => {
        if (gen !== generation.current) return;
        setItems((current) => {
          const seen = new Set(current.map((t) => t.ticketNo));
          return [...current, ...page.items.filter((t) => !seen.has(t.ticketNo))];
        });
        setMore(page.nextCursor !== null);
        trimmed.current = false;
        fetched.current += page.items.length;
      }, reportError)
      .finally(() => (busy.current = false));
  }, [client, filter, hasMore, last]);

  return { items, total, loading, hasMore, fresh, loadMore };
}
