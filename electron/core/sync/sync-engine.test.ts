import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { listQuarantine } from '../../../db/queries/quarantine';
import { interfere, startHubOnly, startRig, statusWhere, type Rig } from '../../../test/support/sync-rig';
import { storeHash } from './store-hash';
import { inThreadChecker, type PageChecker } from './page-checker';
import type { Hub } from '../../../hub/hub-server';
import { sql } from 'kysely';
import type { Store } from '../../../db/open';

const NOW = Date.UTC(2026, 10, 23, 5);
const rigs: Rig[] = [];
const hubs: Hub[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.stop()));
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});
const rig = async (o: Parameters<typeof startRig>[0] = {}) => {
  const r = await startRig(o);
  rigs.push(r);
  return r;
};

/** The tickets table's indexes as sqlite_master has them. */
const ticketIndexes = async (db: Store) =>
  (await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'tickets' order by name`.execute(db)).rows;

/** After each of the rig's store writes, the names of the tickets' indexes it left. */
function indexesAfterEachWrite(r: Rig): string[][] {
  const after: string[][] = [];
  const write = r.tickets.write.bind(r.tickets);
  r.tickets.write = async (...args) => (await write(...args), void after.push((await ticketIndexes(r.store)).map((i) => i.name)));
  return after;
}
/** What the rig's screens are told: a list of tickets (its length here), or "refetch" (0). */
function toldScreens(r: Rig): number[] {
  const told: number[] = [];
  r.tickets.onChanged((a) => told.push(a.kind === 'tickets' ? a.tickets.length : 0));
  return told;
}
/** `use` a store file in a temporary folder, removed afterwards. */
async function withStoreFile(use: (file: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-sync-'));
  try {
    await use(path.join(dir, 'c.sqlite'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
/** The indexes a bulk load keeps. */
const KEPT = ['sqlite_autoindex_tickets_1', 'tickets_changed', 'tickets_sub_district', 'tickets_unplaced'];

/** A hub (closed after the test) holding `n` generated tickets. */
const hubWith = async (n: number, seed: number): Promise<Hub> => {
  const hub = await startHubOnly();
  hubs.push(hub);
  await hub.ingest(generateTickets(n, { now: NOW, seed }));
  return hub;
};

/** Holds a rig's first store write until `release()`; pulls and checks go on meanwhile. */
function firstWriteHeld() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return {
    release: () => release(),
    install(r: Rig) {
      const write = r.tickets.write.bind(r.tickets);
      let writes = 0;
      r.tickets.write = async (...args) => (writes++ === 0 && (await held), write(...args));
    },
  };
}

describe('sync engine', () => {
  it('pulls the whole feed in pages, shows progress, and ends equal to the hub', async () => {
    const hub = await hubWith(1200, 1);
    const progress: number[] = [];
    const r = await rig({ hub, pageSize: 100, bulkRows: 100, start: false });
    r.status.onChanged((s) => s.progress && progress.push(s.progress.done / s.progress.total));
    await r.engine.start();
    await r.engine.whenCursorAtLeast(hub.store.head);
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await statusWhere(r.status, (s) => s.progress === null && s.connection === 'online')).toMatchObject({ lastSeq: 1200, lagMs: 0, lastError: null });
  });

  it('applies live pushes as they come', async () => {
    const r = await rig();
    await statusWhere(r.status, (s) => s.connection === 'online');
    const recs = generateTickets(30, { now: NOW, seed: 2 });
    for (const rec of recs) await r.hub.ingest([rec]);
    await r.engine.whenCursorAtLeast(30);
    expect(await storeHash(r.store)).toBe(await r.hub.store.contentHash());
  });

  it('pulls when a push shows a gap', async () => {
    let dropped = 0;
    const r = await rig({ wrap: (link) => interfere(link, { change: (raw) => ((raw as { seq: number }).seq === 2 ? (dropped++, false) : true) }) });
    await statusWhere(r.status, (s) => s.connection === 'online');
    for (const rec of generateTickets(5, { now: NOW, seed: 3 })) await r.hub.ingest([rec]);
    await r.engine.whenCursorAtLeast(5);
    expect(dropped).toBe(1);
    expect(await storeHash(r.store)).toBe(await r.hub.store.contentHash());
  });

  it('writes the first page at once, and gathers pages into larger transactions while the store is busy', async () => {
    const hub = await hubWith(1000, 12);
    const commits: number[] = [];
    // The store's first write is held until the page ending at 500 has arrived.
    const gate = firstWriteHeld();
    const r = await rig({ hub, pageSize: 100, bulkRows: 400, start: false, wrap: (link) => interfere(link, { pull: (after, _l, real) => (after >= 500 && gate.release(), real()) }) });
    gate.install(r);
    r.status.onChanged((s) => commits.at(-1) !== s.lastSeq && s.lastSeq > 0 && commits.push(s.lastSeq));
    await r.engine.start();
    await r.engine.whenCursorAtLeast(1000);
    // 100: the first page, written as it came; 500: the four pages that came meanwhile (bulkRows 400).
    expect(commits.slice(0, 2)).toEqual([100, 500]);
    expect(commits.at(-1)).toBe(1000);
    commits.forEach((c, i) => expect(c - (commits[i - 1] ?? 0)).toBeLessThanOrEqual(400));
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
  });

  it('asks for the next page while checking one only when the store is idle; while it writes, fetching and checking take turns', async () => {
    const hub = await hubWith(1000, 14);
    const events: string[] = [];
    const own = inThreadChecker();
    const checker: PageChecker = { ...own, check: async (body, after, n) => own.check(body, after, n).finally(() => events.push(`checked ${after}`)) };
    // The store's first write is held until the page after 500 is asked for.
    const gate = firstWriteHeld();
    const r = await rig({ hub, pageSize: 100, bulkRows: 100_000, checker, start: false, wrap: (link) => interfere(link, { pull: (after, _l, real) => (events.push(`pull ${after}`), after >= 500 && gate.release(), real()) }) });
    gate.install(r);
    await r.engine.start();
    await r.engine.whenCursorAtLeast(1000);
    // Idle store: page 100 is on its way while page 0 is checked. Then the store writes page 0 (held): each page
    // is asked for only after the one before it is checked.
    expect(events.slice(0, 11)).toEqual(['pull 0', 'pull 100', 'checked 0', 'checked 100', 'pull 200', 'checked 200', 'pull 300', 'checked 300', 'pull 400', 'checked 400', 'pull 500']);
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
  });

  it('sets the tickets’ indexes aside for a pull bigger than the store, and builds them again in its last write', async () => {
    const hub = await hubWith(1000, 21);
    const r = await rig({ hub, pageSize: 100, bulkRows: 200, bulkLoadFrom: 500, start: false });
    const whole = await ticketIndexes(r.store);
    // The screens are told nothing during the load, "refetch" once at its end.
    const told = toldScreens(r);
    const after = indexesAfterEachWrite(r);
    await r.engine.start();
    await r.engine.whenCursorAtLeast(1000);
    expect(after.length).toBeGreaterThan(2);
    after.slice(0, -1).forEach((names) => expect(names).toEqual(KEPT));
    expect(await ticketIndexes(r.store)).toEqual(whole);
    expect(told).toEqual([0]);
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
  });

  it('keeps the indexes for a pull of fewer changes than the store holds', () =>
    withStoreFile(async (file) => {
      const hub = await hubWith(1000, 22);
      const first = await startRig({ hub, storeFile: file, pageSize: 100, bulkLoadFrom: 500 });
      await first.engine.whenCursorAtLeast(1000);
      const whole = await ticketIndexes(first.store);
      await first.stop();
      await hub.ingest(generateTickets(600, { now: NOW, seed: 24, startIndex: 1000 }));
      const second = await rig({ hub, storeFile: file, pageSize: 100, bulkLoadFrom: 500, start: false });
      const after = indexesAfterEachWrite(second);
      await second.engine.start();
      await second.engine.whenCursorAtLeast(1600);
      expect(after.length).toBeGreaterThan(0);
      after.forEach((names) => expect(names).toEqual(whole.map((i) => i.name)));
      expect(await storeHash(second.store)).toBe(await hub.store.contentHash());
    }));

  it('stays in the bulk-load mode through a failed pull: the next attempt carries on without building and dropping the indexes again', async () => {
    const hub = await hubWith(1000, 23);
    let failures = 0;
    const r = await rig({ hub, pageSize: 100, bulkLoadFrom: 500, start: false, wrap: (link) => interfere(link, { pull: (after, _l, real) => (after >= 500 && failures++ < 3 ? Promise.reject(new Error('cut')) : real()) }) });
    const whole = await ticketIndexes(r.store);
    const after = indexesAfterEachWrite(r);
    const told = toldScreens(r);
    await r.engine.start();
    await statusWhere(r.status, (s) => s.lastError !== null);
    expect(r.engine.cursor).toBe(500);
    expect(await ticketIndexes(r.store)).toEqual(KEPT.map((name) => expect.objectContaining({ name })));
    await r.engine.whenCursorAtLeast(1000);
    expect(failures).toBeGreaterThan(3); // three failed attempts, then the ones that went through
    // Every write but the last left only the kept indexes: none built in between.
    after.slice(0, -1).forEach((names) => expect(names).toEqual(KEPT));
    expect(await ticketIndexes(r.store)).toEqual(whole);
    expect(told).toEqual([0]); // the screens are told to refetch once, at the end of the load
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
  });

  it('leaves the bulk-load mode once the link has failed for two minutes, so that the screens have their indexes while the console waits', async () => {
    const hub = await hubWith(1000, 25);
    let t = NOW;
    let failing = true;
    const r = await rig({ hub, pageSize: 100, bulkLoadFrom: 500, start: false, clock: () => t, wrap: (link) => interfere(link, { pull: (after, _l, real) => (after >= 500 && failing ? Promise.reject(new Error('cut')) : real()) }) });
    const whole = await ticketIndexes(r.store);
    const refetched = new Promise<void>((resolve) => r.tickets.onChanged((a) => a.kind === 'refetch' && resolve()));
    // The first failure starts the two minutes; the first one after them leaves the mode.
    r.status.onChanged((s) => {
      if (s.lastError === 'cut') t += 61_000;
    });
    await r.engine.start();
    await refetched;
    expect(r.engine.cursor).toBe(500);
    expect(await ticketIndexes(r.store)).toEqual(whole);
    failing = false;
    await r.engine.whenCursorAtLeast(1000);
    expect(await ticketIndexes(r.store)).toEqual(whole);
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
  });

  it('keeps the pages it has when a pull fails part-way', async () => {
    const hub = await hubWith(1000, 13);
    const pulls: number[] = [];
    const r = await rig({ hub, pageSize: 100, bulkRows: 100_000, start: false, wrap: (link) => interfere(link, { pull: (after, _l, real) => (pulls.push(after) === 4 ? Promise.reject(new Error('cut')) : real()) }) });
    await r.engine.start();
    await r.engine.whenCursorAtLeast(1000);
    expect(pulls.slice(0, 5)).toEqual([0, 100, 200, 300, 300]); // the three pages before the failure were kept, not fetched again
    expect(await storeHash(r.store)).toBe(await hub.store.contentHash());
  });

  it('resumes from its committed cursor after a restart, without pulling everything again', () =>
    withStoreFile(async (file) => {
      const hub = await hubWith(1000, 4);
      const first = await startRig({ hub, storeFile: file, pageSize: 100, bulkRows: 100 });
      await first.engine.whenCursorAtLeast(300);
      await first.stop();
      const pulls: number[] = [];
      const second = await rig({ hub, storeFile: file, pageSize: 100, wrap: (link) => interfere(link, { pull: (after, _l, real) => (pulls.push(after), real()) }) });
      await second.engine.whenCursorAtLeast(1000);
      expect(pulls[0]).toBeGreaterThanOrEqual(300);
      expect(await storeHash(second.store)).toBe(await hub.store.contentHash());
    }));

  it('retries a failed pull with backoff and says so meanwhile', async () => {
    let failures = 2;
    const r = await rig({ wrap: (link) => interfere(link, { pull: (_a, _l, real) => (failures-- > 0 ? Promise.reject(new Error('connection reset')) : real()) }), start: false });
    await r.hub.ingest(generateTickets(10, { now: NOW, seed: 5 }));
    const errors: string[] = [];
    r.status.onChanged((s) => s.lastError && errors.push(s.lastError));
    await r.engine.start();
    await r.engine.whenCursorAtLeast(10);
    expect(errors).toContain('connection reset');
    expect(await statusWhere(r.status, (s) => s.lastError === null)).toMatchObject({ lastSeq: 10 });
  });
});

describe('sync from a hub that sends bad data', () => {
  /** A hub stand-in that serves the pages a test gives it. */
  const fakeHubRig = async (pages: unknown[]) => {
    const served: number[] = [];
    const r = await rig({
      wrap: (link) =>
        interfere(link, {
          pull: async (after) => {
            served.push(after);
            const page = pages.length ? pages.shift() : { changes: [], lastSeq: after, headSeq: after, hasMore: false };
            return typeof page === 'string' ? page : JSON.stringify(page);
          },
        }),
    });
    return { r, served };
  };
  const good = generateTickets(3, { now: NOW, seed: 6 });
  const change = (seq: number, i: number) => ({ seq, changedAt: NOW, ...good[i]! });

  it('quarantines bad records with the reason and the raw payload, applies the rest, and moves on', async () => {
    const { r } = await fakeHubRig([
      {
        changes: [
          change(1, 0),
          { seq: 2, changedAt: NOW, ticket: { ...good[1]!.ticket, lat: 'north' }, timeline: [] },
          { seq: 3, changedAt: NOW, ticket: { ...good[1]!.ticket, summary: 'x'.repeat(200_000) }, timeline: [] },
          change(3, 1), // repeated seq
          { seq: 'four' },
          change(5, 2),
        ],
        lastSeq: 5,
        headSeq: 5,
        hasMore: false,
      },
    ]);
    await r.engine.whenCursorAtLeast(5);
    const q = await listQuarantine(r.store, 10);
    expect(q.total).toBe(4);
    const reasons = q.items.map((i) => i.reason).reverse();
    expect(reasons[0]).toMatch(/invalid change: ticket\.lat/);
    expect(reasons[1]).toMatch(/invalid change: ticket\.summary/);
    expect(reasons[1]).toMatch(/raw payload cut from \d+ characters/);
    expect(reasons[2]).toMatch(/bad sequence: seq 3 does not follow 3/);
    expect(reasons[3]).toMatch(/invalid change: seq/);
    expect(q.items.at(-1)!.raw).toContain('"lat":"north"');
    const nos = (await r.store.selectFrom('tickets').select('ticket_no').execute()).map((x) => x.ticket_no).sort();
    expect(nos).toEqual([good[0]!.ticket.ticketNo, good[2]!.ticket.ticketNo].sort());
    expect(r.status.get()).toMatchObject({ quarantined: 4, lastSeq: 5 });
  });

  it('quarantines a change dated past where the store’s calendar ends, instead of failing every write after it', async () => {
    const { r } = await fakeHubRig([
      {
        changes: [change(1, 0), { seq: 2, changedAt: NOW, ticket: { ...good[1]!.ticket, receivedAt: 1e15 }, timeline: [] }, change(3, 2)],
        lastSeq: 3,
        headSeq: 3,
        hasMore: false,
      },
    ]);
    await r.engine.whenCursorAtLeast(3);
    const q = await listQuarantine(r.store, 10);
    expect(q.items.map((i) => i.reason)).toEqual([expect.stringMatching(/invalid change: ticket\.receivedAt.*after 9999-12-31/)]);
    const nos = (await r.store.selectFrom('tickets').select('ticket_no').execute()).map((x) => x.ticket_no).sort();
    expect(nos).toEqual([good[0]!.ticket.ticketNo, good[2]!.ticket.ticketNo].sort());
  });

  it('refuses a malformed page whole, says why, and tries again', async () => {
    const { r, served } = await fakeHubRig([
      '{"changes":[{"seq":1,',
      { changes: 'nope', lastSeq: 1 },
      { changes: [change(1, 0)], lastSeq: -3, headSeq: 1, hasMore: false },
      { changes: [change(1, 0)], lastSeq: 1, headSeq: 1, hasMore: false },
    ]);
    await r.engine.whenCursorAtLeast(1);
    expect(served.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(await statusWhere(r.status, (s) => s.lastError === null)).toMatchObject({ lastSeq: 1 });
    expect((await listQuarantine(r.store, 10)).total).toBe(0);
    expect(await r.store.selectFrom('tickets').select('ticket_no').execute()).toHaveLength(1);
  });

  it('follows a hub whose pages put the envelope first (the next page is asked for after parsing)', async () => {
    const { r, served } = await fakeHubRig([
      JSON.stringify({ hasMore: true, headSeq: 2, lastSeq: 1, changes: [change(1, 0)] }),
      JSON.stringify({ hasMore: false, headSeq: 2, lastSeq: 2, changes: [change(2, 1)] }),
    ]);
    await r.engine.whenCursorAtLeast(2);
    expect(served.slice(0, 2)).toEqual([0, 1]);
    expect(await r.store.selectFrom('tickets').select('ticket_no').orderBy('ticket_no').execute()).toEqual([good[0]!, good[1]!].map((g) => ({ ticket_no: g.ticket.ticketNo })).sort((x, y) => (x.ticket_no < y.ticket_no ? -1 : 1)));
  });

  it('refuses a page that moves the sequence backwards (a restored hub), keeping what it has', async () => {
    const pages: unknown[] = [{ changes: [change(7, 0)], lastSeq: 7, headSeq: 7, hasMore: false }];
    const { r } = await fakeHubRig(pages);
    await r.engine.whenCursorAtLeast(7);
    await statusWhere(r.status, (s) => s.connection === 'online' && s.lastError === null);
    pages.push({ changes: [change(2, 1)], lastSeq: 2, headSeq: 2, hasMore: false });
    const failed = statusWhere(r.status, (s) => !!s.lastError);
    r.engine.requestPull();
    expect((await failed).lastError).toMatch(/sequence went backwards \(lastSeq 2 < our cursor 7\)/);
    expect(r.engine.cursor).toBe(7);
    expect(await r.store.selectFrom('tickets').select('ticket_no').execute()).toEqual([{ ticket_no: good[0]!.ticket.ticketNo }]);
  });
});
