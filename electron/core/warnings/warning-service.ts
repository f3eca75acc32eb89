/**
 * Early warnings: checks the store for matters above the rule's threshold — every minute (the window
 * slides with the clock) and shortly after tickets change — keeps the warnings (raised, updated, cleared)
 * and announces the active ones. Acknowledging goes through the outbox: an 'acknowledge' step on the
 * warning's latest ticket at the hub, delivered exactly once, visible on every console's timeline.
 */
import type { Store, StoreReader } from '../../../db/open';
import { getWarning, listWarnings, markAcknowledged, matterTickets, mattersAbove, reconcileWarnings, type WarningRow } from '../../../db/queries/warnings';
import type { EarlyWarning } from '../../../shared/contract/warnings';
import type { Ticket } from '../../../shared/domain/ticket';
import { placeName } from '../../../shared/domain/divisions';
import { warningId, type WarningRule } from '../../../shared/domain/early-warning';
import { labelOr } from '../../../shared/i18n/catalogue';
import { RpcError } from '../../../shared/rpc/errors';
import type { Outbox } from '../sync/outbox';
import { PeriodicCheck } from '../periodic-check';

const CHECK_EVERY_MS = 60_000;
const FIRST_CHECK_MS = 10_000;
/** After tickets change, check within this — or within CHECK_SHARE times what the last check took, if longer
 * (at a million tickets a check reads a week of them: the console spends at most a twentieth of its time so). */
const CHANGE_DEBOUNCE_MS = 3_000;
const CHECK_SHARE = 20;
const DAY_MS = 86_400_000;

export class WarningService {
  private readonly schedule = new PeriodicCheck(() => this.run(), CHECK_EVERY_MS, undefined);
  private lastCheckMs = 0;

  constructor(
    private readonly o: {
      store: Store;
      /** Where the matters are counted (a read-only connection: the sync does not wait for it). */
      reader?: StoreReader;
      outbox: Outbox;
      clock: () => number;
      rule: () => Promise<WarningRule>;
      onChanged: (active: EarlyWarning[]) => void;
      log?: (line: string) => void;
    },
  ) {}

  /** The first check waits a few seconds: at start the screens' first queries go first (warnings already
   * raised are in the store and shown at once). */
  start(firstCheckInMs = FIRST_CHECK_MS): void {
    this.schedule.start(firstCheckInMs);
  }

  /** Tickets changed: check soon (a burst of changes makes one check). */
  ticketsChanged(): void {
    if (this.schedule.started) this.schedule.soon(Math.max(CHANGE_DEBOUNCE_MS, this.lastCheckMs * CHECK_SHARE));
  }

  /** Run one check now (serialised with any other); resolves when it is done. */
  check(): Promise<void> {
    return this.schedule.now();
  }

  private async run(): Promise<void> {
    const started = performance.now();
    try {
      const rule = await this.o.rule();
      const now = this.o.clock();
      const matters = await mattersAbove(this.o.reader ?? this.o.store, now - rule.windowDays * DAY_MS, rule.threshold);
      const r = await reconcileWarnings(this.o.store, matters, now, (m) => warningId(m.category, m.placeCode, now));
      if (r.raised || r.updated || r.cleared) {
        if (r.raised) this.o.log?.(`early warning: ${r.raised} raised`);
        this.o.onChanged(await this.list(false, 500));
      }
    } catch (e) {
      this.o.log?.(`early-warning check failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.lastCheckMs = performance.now() - started;
    }
  }

  async list(includeCleared: boolean, limit: number): Promise<EarlyWarning[]> {
    const rule = await this.o.rule();
    return (await listWarnings(this.o.store, { includeCleared, limit })).map((w) => toWarning(w, rule));
  }

  /** The warning's matter: its tickets, newest first (at most `limit`). */
  async tickets(id: string, limit: number): Promise<Ticket[]> {
    const w = await getWarning(this.o.store, id);
    if (!w) throw new RpcError('notFound', `no warning ${id}`, { reason: 'warningNotFound' });
    return matterTickets(this.o.reader ?? this.o.store, w, limit);
  }

  async acknowledge(id: string, note: string): Promise<EarlyWarning> {
    const w = await getWarning(this.o.store, id);
    if (!w) throw new RpcError('notFound', `no warning ${id}`, { reason: 'warningNotFound' });
    const rule = await this.o.rule();
    if (w.acknowledged_at === null) {
      const text = `预警知悉：${placeName(w.place_code)} ${labelOr('zh-CN', `category.${w.category}`, w.category)} 近${rule.windowDays}天${w.count}件${note ? `。${note}` : ''}`;
      const item = await this.o.outbox.submit({ kind: 'acknowledge', ticketNo: w.latest_ticket_no, note: text.slice(0, 2000) });
      await markAcknowledged(this.o.store, id, this.o.clock(), item.id);
      this.o.onChanged(await this.list(false, 500));
    }
    return toWarning((await getWarning(this.o.store, id))!, rule);
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }
}

function toWarning(w: WarningRow, rule: WarningRule): EarlyWarning {
  return {
    id: w.id,
    category: w.category,
    placeCode: w.place_code,
    placeName: placeName(w.place_code),
    subDistrictCode: w.sub_district_code,
    count: w.count,
    firstAt: w.first_at,
    lastAt: w.last_at,
    latestTicketNo: w.latest_ticket_no,
    raisedAt: w.raised_at,
    clearedAt: w.cleared_at,
    acknowledgedAt: w.acknowledged_at,
    ackActionId: w.ack_action_id,
    windowDays: rule.windowDays,
    threshold: rule.threshold,
  };
}
