/** The console store's tables as Kysely sees them (snake_case columns; mapping to the domain model is in queries/). */
import type { Generated } from 'kysely';

export interface TicketsTable {
  ticket_no: string;
  source: string;
  received_at: number;
  caller_masked: string;
  summary: string;
  address: string;
  /** Null exactly when placement is 'none' (0013). */
  lng: number | null;
  lat: number | null;
  category: string;
  sub_district_code: string;
  community_code: string | null;
  grid: string | null;
  whistle_level: string;
  cross_region: number;
  cross_level: number;
  cross_department: number;
  handling_unit: string | null;
  lead_department: string | null;
  /** JSON array of department names. */
  co_departments: string;
  deadline_at: number;
  status: string;
  satisfaction: string | null;
  updated_at: number;
  /** JSON array of timeline entries, oldest first (0003). */
  timeline: string;
  /** The last 解决 (resolved) step's time, from the timeline (0004). */
  resolved_at: number | null;
  /** How many 退单 (returned) steps the timeline has (0004). */
  return_count: number;
  /** The console's write that last stored this row: one number per batch, growing (0009). The map asks for the
   * tickets changed since a mark instead of reading every open ticket again. */
  changed_mark: Generated<number>;
  /** How lng/lat were found: exact, compound, community, subDistrict or none (0013; shared/domain/ticket.ts). */
  placement: string;
}

/** Small key/value state of the sync (cursor, last sync time, demo seed marker). */
export interface SyncStateTable {
  key: string;
  value: string;
}

/** User actions waiting for (or done with) delivery to the hub (0003). */
export interface OutboxTable {
  /** Client-generated UUID: the hub dedupes on it. */
  id: string;
  seq: Generated<number>;
  created_at: number;
  kind: string;
  ticket_no: string | null;
  /** JSON of the action as submitted. */
  payload: string;
  state: 'pending' | 'delivered' | 'rejected';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  /** JSON of the hub's result, once delivered. */
  result: string | null;
  settled_at: number | null;
}

/** Records from a hub that could not be applied, kept with the reason and the raw payload (0003). */
export interface QuarantineTable {
  id: Generated<number>;
  at: number;
  source: string;
  reason: string;
  raw: string;
}

/** KPI sums per receipt day (Beijing), sub-district and category, kept by triggers on tickets (0004). */
export interface KpiDayTable {
  day: string;
  sub_district_code: string;
  category: string;
  intake: number;
  done: number;
  on_time: number;
  rated: number;
  satisfied: number;
  returns: number;
}

/** This console's settings (0004). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

/** Early warnings raised by this console (0005). */
export interface WarningsTable {
  id: string;
  category: string;
  place_code: string;
  sub_district_code: string;
  count: number;
  first_at: number;
  last_at: number;
  latest_ticket_no: string;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  ack_action_id: string | null;
}

/** Tickets per sub-district and status, kept by triggers on tickets (0005). */
export interface TicketTallyTable {
  sub_district_code: string;
  status: string;
  /** Beijing day of the deadline while unresolved, '' once resolved or closed. */
  deadline_day: string;
  n: number;
}

/** Meetings as last heard from the hub (0006). */
export interface MeetingsTable {
  id: string;
  created_at: number;
  ended_at: number | null;
  /** Canonical JSON of the Meeting snapshot. */
  body: string;
}

/** 分派规则 (0007). */
export interface RoutingRulesTable {
  id: string;
  category: string;
  /** JSON array of words. */
  keywords: string;
  sub_district_code: string | null;
  community_code: string | null;
  lead_department: string;
  from_ticket_no: string | null;
  created_at: number;
  updated_at: number;
}

/** Indexes of the tickets table set aside by a bulk load, to be built again (0010). */
export interface SetAsideIndexesTable {
  name: string;
  /** The index's CREATE INDEX statement, as sqlite_master had it. */
  sql: string;
}

/** Reports made by this console (0015): the period, when and why it was made, the figures as JSON. */
export interface ReportsTable {
  id: string;
  kind: string;
  from_day: string;
  to_day: string;
  generated_at: number;
  /** 'schedule' or 'demand'. */
  trigger: string;
  /** The period's intake (the list shows it without reading the figures). */
  intake: number;
  /** JSON of the ReportBody (shared/contract/reports.ts). */
  body: string;
}

/** The supervision registers (0016): each record's latest version as the hub sent it. */
export interface RegistersTable {
  /** kind:id */
  key: string;
  kind: string;
  id: string;
  seq: number;
  sub_district_code: string | null;
  /** JSON of the RegisterRecord (shared/supervision.ts). */
  body: string;
}

export interface Schema {
  registers: RegistersTable;
  reports: ReportsTable;
  routing_rules: RoutingRulesTable;
  meetings: MeetingsTable;
  tickets: TicketsTable;
  sync_state: SyncStateTable;
  outbox: OutboxTable;
  quarantine: QuarantineTable;
  kpi_day: KpiDayTable;
  settings: SettingsTable;
  warnings: WarningsTable;
  ticket_tally: TicketTallyTable;
  set_aside_indexes: SetAsideIndexesTable;
}
