/**
 * Automatic escalation at the command centre's console: every minute, open tickets that meet a rule
 * (overdue, returned twice, the latest of an early-warning matter, 三跨) and are below the rule's level are
 * escalated through the outbox — an 'escalate' action with the reasons, recorded in the ticket's timeline at
 * the hub. At most BATCH per check, most overdue first, so a first start on a large backlog sends a steady
 * trickle rather than a flood; a ticket with an escalation still waiting in the outbox is not sent again.
 */
import type { Store, StoreReader } from '../../../db/open';
import { escalationCandidates } from '../../../db/queries/escalation';
import { escalationFor, escalationNote, type EscalationRules } from '../../../shared/domain/escalation';
import type { WhistleLevel } from '../../../shared/domain/ticket';
import type { Outbox } from '../sync/outbox';
import { PeriodicCheck } from '../periodic-check';

const CHECK_EVERY_MS = 60_000;
const FIRST_CHECK_MS = 20_000;
const BATCH = 50;
const CANDIDATES = 2000;

export class EscalationService {
  private readonly schedule = new PeriodicCheck(() => this.run().catch((e) => (this.o.log?.(`escalation check failed: ${e instanceof Error ? e.message : String(e)}`), 0)), CHECK_EVERY_MS, 0);

  constructor(private readonly o: { store: Store; /** Where candidates are found (read-only: the sync does not wait for it). */ reader?: StoreReader; outbox: Pick<Outbox, 'submit'>; clock: () => number; rules: () => Promise<EscalationRules>; log?: (line: string) => void }) {}

  start(firstCheckInMs = FIRST_CHECK_MS): void {
    this.schedule.start(firstCheckInMs);
  }

  /** One check (serialised with any other); resolves with how many escalations it sent to the outbox. */
  check(): Promise<number> {
    return this.schedule.now();
  }

  private async run(): Promise<number> {
    const rules = await this.o.rules();
    const now = this.o.clock();
    const rows = await escalationCandidates(this.o.reader ?? this.o.store, now, CANDIDATES);
    let sent = 0;
    for (const r of rows) {
      if (sent >= BATCH) break;
      if (r.queued) continue;
      const up = escalationFor({ whistleLevel: r.whistle_level as WhistleLevel, overdue: r.deadline_at < now, returnCount: r.return_count, inWarning: Boolean(r.warned), cross: Boolean(r.cross) }, rules);
      if (!up) continue;
      await this.o.outbox.submit({ kind: 'escalate', ticketNo: r.ticket_no, to: up.to, reason: escalationNote(up.reasons) });
      sent++;
    }
    if (sent) this.o.log?.(`escalated ${sent} ticket(s) by rule`);
    return sent;
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }
}
