/**
 * The pages of a pull: from the cursor to the hub's head, each fetched over the link and checked (parsed and
 * validated on the checker's thread), in order.
 *
 * Fetching, checking and writing overlap: while the store writes a batch (on SQLite's thread), a page is checked
 * (on the checker's thread). The next page is asked for before the current one is checked only while the store
 * is idle (waiting for pages); while it writes, the store is the slowest stage, fetching and checking one after
 * the other still keep ahead of it, and they do not take a core from it (on 2 cores, a hub on the same machine
 * serving while the checker parsed left the store's thread runnable but not running: a 1,000,000-ticket pull
 * from a local hub took 38–39 s overlapped against 35–37 s this way).
 */
import { peekPageEnd, PageRefusedError, type PageForWrite } from './change-batch';
import type { HubConnection, PageBody } from './hub-link';
import type { PageChecker } from './page-checker';
import { ANNOUNCE_UP_TO } from './sizes';

/** A checked page and the body to store (the same bytes or text). */
export type PulledPage = { page: PageForWrite; body: PageBody };

export class PageSource {
  constructor(
    private readonly link: Pick<HubConnection, 'pull'>,
    private readonly checker: PageChecker,
    private readonly pageSize: number,
  ) {}

  /** The pages after `after`, checked, until the head. `storeBusy` says whether the store is writing right now. */
  async *pages(after: number, storeBusy: () => boolean): AsyncGenerator<PulledPage> {
    const fetchPage = (from: number) => {
      const p = this.link.pull(from, this.pageSize).then((body) => ({ body, after: from }));
      p.catch(() => {}); // a failure surfaces where the page is awaited
      return p;
    };
    let next: Promise<{ body: PageBody; after: number }> | undefined = fetchPage(after);
    while (next) {
      const fetched: { body: PageBody; after: number } = await next;
      const end = peekPageEnd(fetched.body);
      next = end?.hasMore && !storeBusy() ? fetchPage(end.lastSeq) : undefined;
      // The tickets themselves come back only for a page small enough to announce them one by one.
      const { page, body } = await this.checker.check(fetched.body, fetched.after, ANNOUNCE_UP_TO);
      if (end && (end.lastSeq !== page.lastSeq || end.hasMore !== page.hasMore)) throw new PageRefusedError(`hub's page envelope is inconsistent (its end says lastSeq ${end.lastSeq}, its body ${page.lastSeq})`);
      if (!next && page.hasMore) next = fetchPage(page.lastSeq);
      yield { page, body };
    }
  }
}
