/**
 * What a re-ingest does to a ticket the hub already holds — pure. The source (the city's 12345 or grid
 * platform) owns the ticket's fields; the steps taken in Liandong (acknowledgements, comments, escalations,
 * meeting decisions, status steps by stations) belong to the hub's record. So a re-ingest never rewrites a
 * stored timeline: the result keeps every stored step and adds the source's new ones, in time order.
 * Fields set by a Liandong step the source does not know of are kept: the whistle level after an
 * escalation at the hub; the lead and co-departments, deadline and handling unit of a meeting's decision;
 * and the status (with its satisfaction and handling unit) when the latest status step is Liandong's and
 * later than the source's own last update (a stale re-send).
 */
import { IngestRecord } from '../shared/hub-protocol';
import { describeZodError } from '../shared/rpc/errors';
import { TICKET_STATUSES } from '../shared/domain/status';
import type { TicketRecord, TimelineEntry } from '../shared/domain/ticket';

export type MergeOutcome = { ok: true; record: TicketRecord } | { ok: false; error: string };

const stepKey = (e: TimelineEntry) => `${e.at}\u0000${e.kind}\u0000${e.actor}\u0000${e.note}`;

export function mergeIngest(stored: TicketRecord | undefined, incoming: TicketRecord): MergeOutcome {
  if (!stored) return { ok: true, record: incoming };
  const fromSource = new Set(incoming.timeline.map(stepKey));
  const ours = stored.timeline.filter((e) => !fromSource.has(stepKey(e)));
  if (!ours.length) return { ok: true, record: incoming };
  const seen = new Set(stored.timeline.map(stepKey));
  // Stable sort: at equal times the stored steps come first, in their stored order.
  const timeline = [...stored.timeline, ...incoming.timeline.filter((e) => !seen.has(stepKey(e)))].sort((a, b) => a.at - b.at);
  const ticket = { ...incoming.ticket, updatedAt: Math.max(incoming.ticket.updatedAt, stored.ticket.updatedAt) };
  if (ours.some((e) => e.kind === 'escalated')) ticket.whistleLevel = stored.ticket.whistleLevel;
  if (ours.some((e) => e.kind === 'decided')) {
    ticket.leadDepartment = stored.ticket.leadDepartment;
    ticket.coDepartments = stored.ticket.coDepartments;
    ticket.deadlineAt = stored.ticket.deadlineAt;
    ticket.handlingUnit = stored.ticket.handlingUnit;
  }
  // The source's status stands unless the source is behind: when the latest status step is one the source
  // does not have (a station accepted, resolved; the centre closed after its call-back) and it is later than
  // the source's own last update, the stored status, its satisfaction and handling unit stand — a stale
  // re-send does not undo a step taken in Liandong, and the ticket agrees with its timeline.
  const lastStatusStep = [...timeline].reverse().find((e) => (TICKET_STATUSES as readonly string[]).includes(e.kind));
  if (lastStatusStep && ours.includes(lastStatusStep) && lastStatusStep.at > incoming.ticket.updatedAt) {
    ticket.status = stored.ticket.status;
    ticket.satisfaction = stored.ticket.satisfaction;
    ticket.handlingUnit = stored.ticket.handlingUnit;
  }
  const checked = IngestRecord.safeParse({ ticket, timeline });
  if (!checked.success) {
    return { ok: false, error: `merged with the steps taken in Liandong the record is not valid: ${describeZodError(checked.error)}` };
  }
  return { ok: true, record: checked.data };
}
