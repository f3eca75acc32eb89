/**
 * The ticket filter as a pure function — the same rules as the store's SQL (db/queries/tickets.ts), so a
 * screen can place a pushed ticket into what it shows without asking the store again. A test checks
 * that both agree on generated data.
 */
import { isDueSoon, isOverdue, type Ticket } from './ticket';

export type TicketFilter = {
  status?: readonly string[];
  subDistrictCode?: readonly string[];
  whistleLevel?: readonly string[];
  category?: readonly string[];
  source?: readonly string[];
  crossOnly?: boolean;
  overdueOnly?: boolean;
  dueSoonOnly?: boolean;
  openOnly?: boolean;
  search?: string;
};

export function matchesFilter(t: Ticket, f: TicketFilter, now: number): boolean {
  if (f.status?.length && !f.status.includes(t.status)) return false;
  if (f.subDistrictCode?.length && !f.subDistrictCode.includes(t.subDistrictCode)) return false;
  if (f.whistleLevel?.length && !f.whistleLevel.includes(t.whistleLevel)) return false;
  if (f.category?.length && !f.category.includes(t.category)) return false;
  if (f.source?.length && !f.source.includes(t.source)) return false;
  if (f.crossOnly && !(t.cross.region || t.cross.level || t.cross.department)) return false;
  if (f.openOnly && t.status === 'closed') return false;
  if (f.overdueOnly && !isOverdue(t, now)) return false;
  if (f.dueSoonOnly && !isDueSoon(t, now)) return false;
  if (f.search) {
    // SQL LIKE is case-insensitive for ASCII only; so is this.
    const needle = asciiLower(f.search);
    if (![t.ticketNo, t.summary, t.address].some((s) => asciiLower(s).includes(needle))) return false;
  }
  return true;
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The keyset cursor of the stream: the page after this ticket. */
export const encodeCursor = (t: Pick<Ticket, 'receivedAt' | 'ticketNo'>) => `${t.receivedAt}:${t.ticketNo}`;

/** The stream's order: newest received first, then ticket number descending (the store's keyset order). */
export function newestFirst(a: Pick<Ticket, 'receivedAt' | 'ticketNo'>, b: Pick<Ticket, 'receivedAt' | 'ticketNo'>): number {
  return b.receivedAt - a.receivedAt || (a.ticketNo < b.ticketNo ? 1 : a.ticketNo > b.ticketNo ? -1 : 0);
}

/** Two lists in the stream's order merged in one pass, keeping the first `max` (the newest). */
export function mergeNewestFirst<T extends Pick<Ticket, 'receivedAt' | 'ticketNo'>>(a: readonly T[], b: readonly T[], max: number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < a.length || j < b.length)) out.push(j >= b.length || (i < a.length && newestFirst(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!);
  return out;
}
