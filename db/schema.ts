/** The store's tables as Kysely sees them (snake_case columns; mapping to the domain model is in queries/). */
import type { Generated } from 'kysely';

export interface TicketsTable {
  ticket_no: string;
  source: string;
  received_at: number;
  caller_masked: string;
  summary: string;
  address: string;
  lng: number;
  lat: number;
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
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_no: string;
  at: number;
  kind: string;
  actor: string;
  note: string;
}

/** Small key/value state of the sync (cursor, last sync time, demo seed marker). */
export interface SyncStateTable {
  key: string;
  value: string;
}

export interface Schema {
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  sync_state: SyncStateTable;
}
