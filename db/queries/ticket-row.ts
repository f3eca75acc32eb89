/** Mapping between the domain Ticket and its row in `tickets` — one place, both directions. */
import type { Selectable } from 'kysely';
import type { Ticket, TicketRecord, TimelineEntry } from '../../shared/domain/ticket';
import type { TicketsTable } from '../schema';

export function recordToRow({ ticket: t, timeline }: TicketRecord): Omit<TicketsTable, 'changed_mark'> {
  return {
    ticket_no: t.ticketNo,
    source: t.source,
    received_at: t.receivedAt,
    caller_masked: t.callerMasked,
    summary: t.summary,
    address: t.address,
    lng: t.lng,
    lat: t.lat,
    placement: t.placement,
    category: t.category,
    sub_district_code: t.subDistrictCode,
    community_code: t.communityCode,
    grid: t.grid,
    whistle_level: t.whistleLevel,
    cross_region: t.cross.region ? 1 : 0,
    cross_level: t.cross.level ? 1 : 0,
    cross_department: t.cross.department ? 1 : 0,
    handling_unit: t.handlingUnit,
    lead_department: t.leadDepartment,
    co_departments: JSON.stringify(t.coDepartments),
    deadline_at: t.deadlineAt,
    status: t.status,
    satisfaction: t.satisfaction,
    updated_at: t.updatedAt,
    timeline: JSON.stringify(timeline),
    ...timelineFacts(timeline),
  };
}

/** Rows are written only from validated Tickets, so the casts below restore what was stored. */
export function rowToTicket(r: Omit<Selectable<TicketsTable>, 'timeline' | 'changed_mark'>): Ticket {
  return {
    ticketNo: r.ticket_no,
    source: r.source as Ticket['source'],
    receivedAt: r.received_at,
    callerMasked: r.caller_masked,
    summary: r.summary,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    placement: r.placement as Ticket['placement'],
    category: r.category,
    subDistrictCode: r.sub_district_code,
    communityCode: r.community_code,
    grid: r.grid,
    whistleLevel: r.whistle_level as Ticket['whistleLevel'],
    cross: { region: r.cross_region === 1, level: r.cross_level === 1, department: r.cross_department === 1 },
    handlingUnit: r.handling_unit,
    leadDepartment: r.lead_department,
    coDepartments: JSON.parse(r.co_departments) as string[],
    deadlineAt: r.deadline_at,
    status: r.status as Ticket['status'],
    satisfaction: r.satisfaction as Ticket['satisfaction'],
    updatedAt: r.updated_at,
  };
}

export function rowToTimeline(json: string): TimelineEntry[] {
  return JSON.parse(json) as TimelineEntry[];
}

/** What the KPIs read of a timeline, kept in columns: when it was last resolved, and how often returned. */
export function timelineFacts(timeline: readonly TimelineEntry[]): { resolved_at: number | null; return_count: number } {
  let resolvedAt: number | null = null;
  let returns = 0;
  for (const e of timeline) {
    if (e.kind === 'resolved' && (resolvedAt === null || e.at > resolvedAt)) resolvedAt = e.at;
    else if (e.kind === 'returned') returns++;
  }
  return { resolved_at: resolvedAt, return_count: returns };
}

/** The tickets table's columns as the writer sets them (all but the write's change mark), in the row's order. */
export const TICKET_COLUMNS = Object.keys(
  recordToRow({
    ticket: {
      ticketNo: 'x', source: 'other', receivedAt: 0, callerMasked: '', summary: '', address: '', lng: 0, lat: 0, placement: 'exact', category: 'x',
      subDistrictCode: 'x', communityCode: null, grid: null, whistleLevel: 'routine', cross: { region: false, level: false, department: false },
      handlingUnit: null, leadDepartment: null, coDepartments: [], deadlineAt: 0, status: 'received', satisfaction: null, updatedAt: 0,
    },
    timeline: [],
  }),
) as Exclude<keyof TicketsTable, 'changed_mark'>[];
