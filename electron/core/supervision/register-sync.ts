/**
 * Keeps the console's copy of the hub's supervision registers: reads what changed after the highest seq it holds
 * (on connecting, and on each 'registers' hint), a page at a time, one read at a time. A record this console
 * cannot take (another version's, or a fault) is quarantined with its reason, never dropped silently.
 */
import { RegisterRecord } from '../../../shared/supervision';
import { describeZodError } from '../../../shared/rpc/errors';
import { OneAtATime } from '../../../shared/one-at-a-time';
import type { Store } from '../../../db/open';
import { registersCursor, saveRegisters } from '../../../db/queries/registers';
import { quarantine } from '../../../db/queries/quarantine';
import type { HubLink } from '../sync/hub-link';

export type RegisterLink = Pick<HubLink, 'call' | 'connected'> & { on(event: 'registers' | 'connect', l: () => void): () => void };

const PAGE = 500;

export class RegisterSync {
  private readonly reads = new OneAtATime(() => this.read(), { onError: (e) => this.o.log?.(`registers: ${e instanceof Error ? e.message : String(e)}`) });
  private readonly offs: (() => void)[];

  constructor(private readonly o: { store: Store; link: RegisterLink; clock: () => number; onChanged: () => void; log?: (line: string) => void }) {
    this.offs = [o.link.on('connect', () => void this.reads.ask()), o.link.on('registers', () => void this.reads.ask())];
  }

  /** Read now (resolves when a read that started after this call has ended). */
  refresh(): Promise<void> {
    return this.reads.ask();
  }

  private async read(): Promise<void> {
    let changed = false;
    for (;;) {
      if (!this.o.link.connected) break;
      const after = await registersCursor(this.o.store);
      const answer = await this.o.link.call('registersSince', { after, limit: PAGE });
      if (!answer.ok) throw new Error(`the hub refused to send the registers: ${answer.error.message}`);
      const good: { seq: number; record: RegisterRecord }[] = [];
      const bad: { source: string; reason: string; raw: string }[] = [];
      for (const c of answer.changes) {
        const r = RegisterRecord.safeParse(c.record);
        if (r.success) good.push({ seq: c.seq, record: r.data });
        else bad.push({ source: `registers#${c.seq}`, reason: describeZodError(r.error), raw: JSON.stringify(c.record) ?? 'undefined' });
      }
      await quarantine(this.o.store, bad, this.o.clock());
      await saveRegisters(this.o.store, good, answer.lastSeq);
      changed ||= answer.changes.length > 0;
      if (!answer.hasMore) break;
    }
    if (changed) this.o.onChanged();
  }

  async stop(): Promise<void> {
    this.offs.forEach((off) => off());
    await this.reads.stop();
  }
}
