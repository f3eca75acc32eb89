/**
 * The agenda of the meeting being prepared, beyond the suggestions: tickets the chair added by number in
 * 召开会商 or from a ticket's card (加入会商议程). Kept outside React so the card and the form share it; kept
 * in the page's session storage so a reload does not lose it. Emptied when the meeting is created.
 */
import { useSyncExternalStore } from 'react';
import type { AgendaSuggestion } from '../../../shared/contract';

const KEY = 'liandong.agendaDraft';
const listeners = new Set<() => void>();

function load(): AgendaSuggestion[] {
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as AgendaSuggestion[]).filter((x) => typeof x?.ticketNo === 'string') : [];
  } catch {
    return [];
  }
}

let items: AgendaSuggestion[] = load();

function set(next: AgendaSuggestion[]): void {
  items = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    // storage full or off: the draft still lives in this page
  }
  listeners.forEach((l) => l());
}

export const agendaDraft = {
  add(item: AgendaSuggestion): void {
    if (!items.some((x) => x.ticketNo === item.ticketNo)) set([...items, item]);
  },
  remove(ticketNo: string): void {
    set(items.filter((x) => x.ticketNo !== ticketNo));
  },
  clear(): void {
    set([]);
  },
  has: (ticketNo: string) => items.some((x) => x.ticketNo === ticketNo),
};

export function useAgendaDraft(): AgendaSuggestion[] {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    () => items,
  );
}

/** A ticket as an agenda entry the chair added (reason 主持人添加). */
export const chairItem = (t: Omit<AgendaSuggestion, 'reasons'>): AgendaSuggestion => ({ ticketNo: t.ticketNo, summary: t.summary, category: t.category, subDistrictCode: t.subDistrictCode, whistleLevel: t.whistleLevel, status: t.status, deadlineAt: t.deadlineAt, reasons: ['chair'] });
