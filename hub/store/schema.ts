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

export interface HubSchema {
  hub_meeting_changes: HubMeetingChangesTable;
  hub_meeting_photos: HubMeetingPhotosTable;
  hub_tickets: HubTicketsTable;
  hub_actions: HubActionsTable;
  hub_meetings: HubMeetingsTable;
  hub_meeting_ops: HubMeetingOpsTable;
}
