import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../open';
import { reconcileWarnings, type MatterCount } from './warnings';

const T0 = Date.UTC(2026, 10, 23, 4);
let db: Store;
beforeEach(async () => {
  db = await openStore({ filename: ':memory:' });
});
afterEach(() => db.destroy());

const matter = (i: number, count: number): MatterCount => ({ category: `c${i % 7}`, placeCode: `p${i}`, subDistrictCode: 's', count, firstAt: T0 - 1000, lastAt: T0 + count, latestTicketNo: `T${i}-${count}` });
const idOf = (m: MatterCount) => `${m.category}|${m.placeCode}`;

describe('keeping warnings in line with the matters', () => {
  it('raises, updates and clears thousands at once, and changes nothing when nothing changed', async () => {
    const first = Array.from({ length: 2500 }, (_, i) => matter(i, 11));
    expect(await reconcileWarnings(db, first, T0, idOf)).toEqual({ raised: 2500, updated: 0, cleared: 0 });
    expect(await reconcileWarnings(db, first, T0 + 1, idOf)).toEqual({ raised: 0, updated: 0, cleared: 0 });

    // 1,200 matters grew, 300 fell back under the threshold, 100 are new.
    const next = [...first.slice(0, 1200).map((m, i) => matter(i, 12)), ...first.slice(1200, 2200), ...Array.from({ length: 100 }, (_, i) => matter(5000 + i, 11))];
    expect(await reconcileWarnings(db, next, T0 + 2, idOf)).toEqual({ raised: 100, updated: 1200, cleared: 300 });

    const rows = await db.selectFrom('warnings').selectAll().execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows.filter((r) => r.cleared_at === null)).toHaveLength(2300);
    expect(byId.get(idOf(matter(5, 12)))).toMatchObject({ count: 12, last_at: T0 + 12, latest_ticket_no: 'T5-12', raised_at: T0, cleared_at: null });
    expect(byId.get(idOf(matter(1500, 11)))).toMatchObject({ count: 11, latest_ticket_no: 'T1500-11', cleared_at: null });
    expect(byId.get(idOf(matter(2300, 11)))).toMatchObject({ cleared_at: T0 + 2 });
    expect(byId.get(idOf(matter(5050, 11)))).toMatchObject({ count: 11, raised_at: T0 + 2, cleared_at: null });
  });
});
