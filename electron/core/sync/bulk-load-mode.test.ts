import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { openStore, type Store } from '../../../db/open';
import { inBulkLoad } from '../../../db/queries/bulk-load';
import { upsertTickets } from '../../../db/queries/ticket-write';
import { BulkLoadMode, type ModeStep } from './bulk-load-mode';

let store: Store;
let t = 0;
beforeEach(async () => {
  store = await openStore({ filename: ':memory:' });
  t = 0;
});
afterEach(() => store.destroy());

/** A write of the pull as the sync makes it: the step's DDL in the transaction, then committed. */
const write = async (mode: BulkLoadMode, last: boolean): Promise<ModeStep> => {
  const s = mode.step(last);
  await store.transaction().execute(async (trx) => {
    await mode.before(trx, s);
    await mode.after(trx, s);
  });
  mode.committed(s);
  return s;
};

describe('when the sync writes in the bulk-load mode', () => {
  it('a pull of many changes into a store holding fewer: the first write enters, the screens hear nothing until the last, which leaves and says refetch', async () => {
    const mode = new BulkLoadMode(store, () => t, undefined, 1000);
    await mode.init();
    await mode.decide(5000, true);
    expect(await write(mode, false)).toEqual({ enter: true, leave: false, tell: 'quiet' });
    expect(await inBulkLoad(store)).toBe(true);
    expect(await write(mode, false)).toEqual({ enter: false, leave: false, tell: 'quiet' });
    expect(await write(mode, true)).toEqual({ enter: false, leave: true, tell: 'refetch' });
    expect(await inBulkLoad(store)).toBe(false);
    mode.succeeded();
    // The next pull is small: writes as usual.
    await mode.decide(10, false);
    expect(await write(mode, true)).toEqual({ enter: false, leave: false, tell: 'normal' });
  });

  it('not for a pull of fewer changes than the store already holds, nor for one below the threshold', async () => {
    await upsertTickets(store, generateTickets(300, { seed: 1, now: Date.UTC(2026, 10, 1) }));
    const mode = new BulkLoadMode(store, () => t, undefined, 100);
    await mode.init();
    await mode.decide(200, true); // ≥ the threshold, but fewer than the 300 stored
    expect(mode.step(false)).toMatchObject({ enter: false, tell: 'normal' });
    const small = new BulkLoadMode(store, () => t, undefined, 100_000);
    await small.decide(50_000, true);
    expect(small.step(false)).toMatchObject({ enter: false, tell: 'normal' });
  });

  it('stays in the mode through failed pulls until the link has failed for two minutes', async () => {
    const mode = new BulkLoadMode(store, () => t, undefined, 1000);
    await mode.init();
    await mode.decide(5000, true);
    await write(mode, false);
    expect(mode.failed()).toBe(false);
    t += 60_000;
    expect(mode.failed()).toBe(false);
    // The next attempt carries on in the mode, without entering it again.
    await mode.decide(4000, true);
    expect(mode.step(false)).toEqual({ enter: false, leave: false, tell: 'quiet' });
    t += 60_000;
    expect(mode.failed()).toBe(true);
  });

  it('counts a later load’s failures afresh once the mode was left after failures', async () => {
    const mode = new BulkLoadMode(store, () => t, undefined, 1000);
    await mode.init();
    await mode.decide(5000, true);
    await write(mode, false);
    mode.failed();
    t += 120_000;
    expect(mode.failed()).toBe(true); // two minutes: left
    await store.transaction().execute((trx) => mode.leaveNow(trx));
    mode.left();
    // The link is back; another big pull enters the mode, and its first failure does not leave it at once.
    await mode.decide(5000, true);
    await write(mode, false);
    expect(mode.active).toBe(true);
    expect(mode.failed()).toBe(false);
  });
});
