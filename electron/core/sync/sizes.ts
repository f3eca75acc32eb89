/**
 * The sizes the sync and the ticket writes work by, in one place, each with why it is what it is.
 */

/** Changes asked for per page of the hub's change feed (a page is ~10 MB of JSON at this size). */
export const PAGE_SIZE = 5000;

/**
 * A pull's pages are gathered into one transaction while the store is busy writing the previous one, up to this
 * many changes… SQLite's cost is per commit (WAL frames, checkpoints): at a million tickets one commit per
 * 100,000 wrote a row in 39 µs against 48 µs per 25,000.
 */
export const WRITE_ROWS = 100_000;
/** …or as many as arrive in this long: what the screens see of a long pull moves at least this often. */
export const WRITE_MS = 5000;

/**
 * A pull that brings at least this many changes, and at least as many as the store holds tickets (a first sync,
 * a console far behind), is a bulk load: the store's bulk-load mode (db/queries/bulk-load.ts) for its writes.
 */
export const BULK_LOAD_FROM = 100_000;
/**
 * A bulk load whose pulls keep failing stays in its mode for the next attempt (no building and dropping of the
 * indexes per attempt); once the link has failed for this long, the mode is left so that the screens answer
 * from their indexes while the console waits, and a later pull that is still a bulk load enters it again.
 */
export const BULK_LOAD_KEPT_THROUGH_FAILURES_MS = 120_000;

/** A write of up to this many tickets tells the screens which ones changed; a larger one tells them to refetch. */
export const ANNOUNCE_UP_TO = 200;
/** Largest `tickets.changed` event (a batch of changed tickets is sent in events of at most this many). */
export const EVENT_BATCH = 500;
