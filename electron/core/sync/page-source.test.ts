import { describe, expect, it } from 'vitest';
import { generateTickets } from '../../../hub/demo/ticket-generator';
import { PageRefusedError } from './change-batch';
import { inThreadChecker } from './page-checker';
import { PageSource } from './page-source';

const NOW = Date.UTC(2026, 10, 30, 2);
const records = generateTickets(6, { now: NOW, seed: 31 });
/** A feed of six changes served two a page, in the reference hub's layout (the envelope last). */
const pageAfter = (after: number) => {
  const changes = records.slice(after, after + 2).map((r, i) => ({ seq: after + i + 1, changedAt: NOW, ...r }));
  const lastSeq = after + changes.length;
  return JSON.stringify({ changes, lastSeq, headSeq: 6, hasMore: lastSeq < 6 });
};

function feed(serve: (after: number) => string = pageAfter) {
  const asked: number[] = [];
  return { asked, link: { pull: async (after: number) => (asked.push(after), serve(after)) } };
}

const collect = async (source: PageSource, after: number, busy: () => boolean) => {
  const got: number[] = [];
  for await (const { page } of source.pages(after, busy)) got.push(page.lastSeq);
  return got;
};

describe('the page source', () => {
  it('brings every page from the cursor to the head, checked, in order', async () => {
    const f = feed();
    expect(await collect(new PageSource(f.link, inThreadChecker(), 2), 0, () => false)).toEqual([2, 4, 6]);
    expect(f.asked).toEqual([0, 2, 4]);
  });

  it('starts from the cursor it is given', async () => {
    const f = feed();
    expect(await collect(new PageSource(f.link, inThreadChecker(), 2), 4, () => false)).toEqual([6]);
  });

  it('asks for the next page before checking this one while the store is idle, after it while the store is busy', async () => {
    const order: string[] = [];
    const checker = inThreadChecker();
    const watched = { ...checker, check: async (body: Parameters<typeof checker.check>[0], after: number, n: number) => (order.push(`check ${after}`), checker.check(body, after, n)) };
    const link = { pull: async (after: number) => (order.push(`pull ${after}`), pageAfter(after)) };
    await collect(new PageSource(link, watched, 2), 0, () => false);
    expect(order.slice(0, 3)).toEqual(['pull 0', 'pull 2', 'check 0']);
    order.length = 0;
    await collect(new PageSource(link, watched, 2), 0, () => true);
    expect(order.slice(0, 3)).toEqual(['pull 0', 'check 0', 'pull 2']);
  });

  it('refuses a page whose changes go beyond where its envelope says it ends', async () => {
    // The envelope (at the text's end) says 2; the page holds a change at 3.
    const forged = (after: number) => {
      const changes = records.slice(0, 3).map((r, i) => ({ seq: after + i + 1, changedAt: NOW, ...r }));
      return JSON.stringify({ changes, lastSeq: after + 2, headSeq: 6, hasMore: true });
    };
    const source = new PageSource(feed(forged).link, inThreadChecker(), 2);
    await expect(collect(source, 0, () => false)).rejects.toBeInstanceOf(PageRefusedError);
  });

  it('passes on a failure of the link where the page was awaited', async () => {
    const link = { pull: async (after: number) => (after >= 2 ? Promise.reject(new Error('cut')) : pageAfter(after)) };
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const { page } of new PageSource(link, inThreadChecker(), 2).pages(0, () => false)) got.push(page.lastSeq);
      })(),
    ).rejects.toThrow('cut');
    expect(got).toEqual([2]);
  });
});
