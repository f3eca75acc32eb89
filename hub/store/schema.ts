/** The hub's own store. */
export interface HubTicketsTable {
  ticket_no: string;
  /** Seq of this ticket's latest change: the change feed is this table in seq order (a compacted log). */
  seq: number;
  changed_at: number;
  sub_district_code: string;
  /** Canonical JSON of the TicketRecord (ticket + timeline). */
  body: string;
}

/** The supervision registers: each record's latest version (canonical JSON of a RegisterRecord) at its seq. */
export interface HubRegistersTable {
  /** kind:id (registerKey). */
  key: string;
  kind: string;
  seq: number;
  changed_at: number;
  /** The sub-district it belongs to (stations read theirs); null: every console (the roster). */
  sub_district_code: string | null;
  body: string;
}
export interface HubRegisterPhotosTable {
  id: string;
  register_key: string;
  sub_district_code: string | null;
  data_url: string;
}

/** Actions from consoles, by their client-generated id: a repeat is answered with the first result. */
export interface HubActionsTable {
  id: string;
  at: number;
  role: string;
  station_code: string | null;
  kind: string;
  ticket_no: string;
  /** JSON of the ActionAck sent. */
  result: string;
  /** SHA-256 of the action as applied: the same id with another payload is refused (null: stored before 0004). */
  digest: string | null;
}

/** Meetings, each kept as its snapshot (canonical JSON of the Meeting). */
export interface HubMeetingsTable {
  id: string;
  created_at: number;
  updated_at: number;
  ended_at: number | null;
  body: string;
}

/** Meeting operations by their client-generated id: a repeat is answered with the first result. */
export interface HubMeetingOpsTable {
  id: string;
  at: number;
  meeting_id: string;
  op: string;
  role: string;
  station_code: string | null;
  result: string;
  /** SHA-256 of the operation as applied (null: stored before 0004). */
  digest: string | null;
}

/** Photos from site reports, as data URLs, by `${report id}/${index}`. */
export interface HubMeetingPhotosTable {
  id: string;
  meeting_id: string;
  data_url: string;
}

/** A meeting's changes since its snapshot: the patch (JSON of MeetingPatch) that made each version. */
export interface HubMeetingChangesTable {
  meeting_id: string;
  version: number;
  at: number;
  patch: string;
}

/** A token: only its SHA-256 is kept; revoked or expired ones stay listed (the audit trail names them). */
export interface HubTokensTable {
  id: string;
  hash: string;
  role: string;
  station_code: string | null;
  /** Who or which PC holds it, e.g. "任港街道 值班电脑 1". */
  name: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  /** When the row last changed: hubs poll it to take revocations without a restart. */
  changed_at: number;
}

/** 审计日志: append-only; each entry's hash covers its fields and the hash of the entry before. */
export interface HubAuditTable {
  seq: number;
  at: number;
  token_id: string | null;
  /** The token's name (or what a failed login claimed). */
  who: string;
  role: string | null;
  address: string | null;
  /** ingest, action.<kind>, meeting.<op>, token.<issue|revoke|rotate>, login.failed, console.<what> */
  kind: string;
  ticket_no: string | null;
  /** SHA-256 of the request as received. */
  digest: string | null;
  /** ok, or the refusal's code and message; what an ingest changed. */
  result: string;
  prev_hash: string;
  hash: string;
}

export interface HubImportJobsTable {
  id: string;
  created_at: number;
  state: string;
  token_id: string | null;
  /** The job as JSON (ImportJob plus its columns, headers and file path). */
  body: string;
}
export interface HubImportMappingsTable {
  name: string;
  saved_at: number;
  by_header: string;
}
export interface HubCategoryMapTable {
  text: string;
  category: string;
}
export interface HubCategoryUnknownTable {
  text: string;
  rows: number;
}
export interface HubImportCategoryTicketsTable {
  ticket_no: string;
  text: string;
}
export interface HubGazetteerTable {
  id: number;
  source: string;
  loaded_at: number;
  entries: string;
}

export interface HubImportSeenTable {
  job_id: string;
  ticket_no: string;
  row: number;
}

export interface HubSiteKeysTable {
  hash: string;
  meeting_id: string;
  link_id: string;
  created_at: number;
  expires_at: number;
  device: string | null;
  claimed_at: number | null;
  revoked_at: number | null;
}

export interface HubSchema {
  hub_tokens: HubTokensTable;
  hub_audit: HubAuditTable;
  hub_meeting_changes: HubMeetingChangesTable;
  hub_meeting_photos: HubMeetingPhotosTable;
  hub_site_keys: HubSiteKeysTable;
  hub_registers: HubRegistersTable;
  hub_register_photos: HubRegisterPhotosTable;
  hub_tickets: HubTicketsTable;
  hub_actions: HubActionsTable;
  hub_meetings: HubMeetingsTable;
  hub_meeting_ops: HubMeetingOpsTable;
  hub_import_jobs: HubImportJobsTable;
  hub_import_mappings: HubImportMappingsTable;
  hub_category_map: HubCategoryMapTable;
  hub_category_unknown: HubCategoryUnknownTable;
  hub_import_category_tickets: HubImportCategoryTicketsTable;
  hub_gazetteer: HubGazetteerTable;
  hub_import_seen: HubImportSeenTable;
}
