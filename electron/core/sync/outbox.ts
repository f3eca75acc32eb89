/**
 * The outbox: a user's actions are stored first (durable, shown as pending), then delivered to the hub
 * in order, exactly once: each carries a UUID the hub dedupes on, so a retry after a lost answer
 * gets the original result. A refusal is final (shown with the hub's reason); a transient failure is
 * retried with backoff.
 */
import { hubReason } from '../../../shared/rpc/errors';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../db/open';
import { countPending, enqueue, getOutboxRows, headOfQueue, listOutbox, postpone, settle, type OutboxRow } from '../../../db/queries/outbox';
import type { OutboxItem } from '../../../shared/contract/actions';
import { ActionAck, ActionRequest, HubAction, PERMANENT_ACTION_ERRORS } from '../../../shared/hub-protocol';
import type { z } from 'zod';
import type { HubConnection } from './hub-link';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './retry';
import { OneAtATime } from '../../../shared/one-at-a-time';

export type OutboxOptions = {
  store: Store;
  link: Pick<HubConnection, 'act' | 'connected' | 'on'>;
  clock?: () => number;
  retry?: RetryPolicy;
  log?: (line: string) => void;
  onChanged: (items: OutboxItem[], pending: number) => void;
};

export function toOutboxItem(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind as OutboxItem['kind'], // stored only from validated actions
    ticketNo: r.ticket_no,
    action: JSON.parse(r.payload) as Record<string, unknown>,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    refusal: r.state === 'rejected' ? refusalOf(r.result) : null,
    settledAt: r.settled_at,
  };
}

/** The hub's refusal from the stored acknowledgement (its code, reason and parameters). */
function refusalOf(result: string | null): OutboxItem['refusal'] {
  try {
    const ack = ActionAck.safeParse(JSON.parse(result ?? 'null'));
    if (ack.success && !ack.data.ok) return { code: ack.data.error.code, ...hubReason(ack.data.error) };
  } catch {
    // not JSON: an older row
  }
  return { code: 'conflict' };
}

export class Outbox {
  /** One delivery at a time; a kick during one delivers again after it. */
  private readonly delivery = new OneAtATime(() => this.deliver(), {
    // The store failed under it (or closed as the console stops): nothing is lost — the item stays pending in
    // the store — and delivery is tried again shortly.
    onError: (e) => {
      if (this.stopped) return;
      this.o.log?.(`outbox delivery failed, tried again shortly: ${e instanceof Error ? e.message : String(e)}`);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.kick(), backoffMs(0, this.o.retry ?? DEFAULT_RETRY));
    },
  });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly clock: () => number;
  private readonly off: () => void;

  constructor(private readonly o: OutboxOptions) {
    this.clock = o.clock ?? Date.now;
    this.off = o.link.on('connect', () => this.kick());
  }

  async submit(input: z.input<typeof ActionRequest>): Promise<OutboxItem> {
    const request = ActionRequest.parse(input);
    const id = randomUUID();
    HubAction.parse({ ...request, id }); // the same check the hub will make
    await enqueue(this.o.store, { id, createdAt: this.clock(), kind: request.kind, ticketNo: 'ticketNo' in request ? request.ticketNo : null, payload: JSON.stringify(request) });
    const [row] = await getOutboxRows(this.o.store, [id]);
    await this.announce([id]);
    this.kick();
    return toOutboxItem(row!);
  }

  list(filter: Parameters<typeof listOutbox>[1]): Promise<OutboxItem[]> {
    return listOutbox(this.o.store, filter).then((rows) => rows.map(toOutboxItem));
  }

  pendingCount(): Promise<number> {
    return countPending(this.o.store);
  }

  /** Start delivering if there is anything to deliver (on submit, on connect, on a retry timer). */
  kick(): void {
    if (!this.stopped) void this.delivery.ask();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.off();
    void this.delivery.stop();
  }

  private async deliver(): Promise<void> {
    for (;;) {
      if (this.stopped || !this.o.link.connected) return;
      const head = await headOfQueue(this.o.store);
      if (!head) return;
      const now = this.clock();
      if (head.next_attempt_at > now) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.kick(), head.next_attempt_at - now);
        return;
      }
      const action = { ...JSON.parse(head.payload), id: head.id };
      let ack: ActionAck;
      try {
        ack = ActionAck.parse(await this.o.link.act(action));
        if (this.stopped) return; // stopped while the answer was on its way: the next start asks again (same id)
      } catch (e) {
        if (this.stopped) return;
        const delay = backoffMs(head.attempts, this.o.retry ?? DEFAULT_RETRY);
        const message = e instanceof Error ? e.message : String(e);
        await postpone(this.o.store, head.id, this.clock() + delay, message);
        this.o.log?.(`action ${head.id} not delivered (retry in ${delay} ms): ${message}`);
        await this.announce([head.id]);
        continue; // loops to the timer (or stops when disconnected)
      }
      if (ack.ok) {
        await settle(this.o.store, head.id, 'delivered', this.clock(), JSON.stringify(ack), null);
      } else if (PERMANENT_ACTION_ERRORS.includes(ack.error.code)) {
        await settle(this.o.store, head.id, 'rejected', this.clock(), JSON.stringify(ack), ack.error.message);
      } else {
        await postpone(this.o.store, head.id, this.clock() + backoffMs(head.attempts, this.o.retry ?? DEFAULT_RETRY), ack.error.message);
      }
      await this.announce([head.id]);
    }
  }

  private async announce(ids: string[]): Promise<void> {
    const rows = await getOutboxRows(this.o.store, ids);
    this.o.onChanged(rows.map(toOutboxItem), await countPending(this.o.store));
  }
}
