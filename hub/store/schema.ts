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
}

export interface HubSchema {
  hub_tickets: HubTicketsTable;
  hub_actions: HubActionsTable;
}
