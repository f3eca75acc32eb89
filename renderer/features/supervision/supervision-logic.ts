/** The 督办 view's pure parts: supervisors and their boards, the closed loops by period, a suggestion's age. */
import type { SupervisedTicket } from '../../../shared/contract';
import { WORK_GROUPS, type Person, type Suggestion, type SupervisorRef, type WorkGroup } from '../../../shared/supervision';

export const refKey = (r: SupervisorRef) => (r.type === 'group' ? `group:${r.group}` : `person:${r.id}`);
export const keyRef = (k: string): SupervisorRef | null => {
  const [type, v] = k.split(':');
  if (type === 'group' && (WORK_GROUPS as readonly string[]).includes(v!)) return { type: 'group', group: v as WorkGroup };
  if (type === 'person' && v) return { type: 'person', id: v };
  return null;
};

/** Who may be named to supervise: the four work groups, then the active people of the roster (deputies first). */
export function supervisorChoices(people: readonly Person[]): { key: string; person: Person | null; group: WorkGroup | null }[] {
  const order = { deputy: 0, stationHead: 1, dutyHead: 2, member: 3 } as const;
  return [
    ...WORK_GROUPS.map((g) => ({ key: `group:${g}`, person: null, group: g })),
    ...people
      .filter((p) => p.active)
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name, 'zh-CN'))
      .map((p) => ({ key: `person:${p.id}`, person: p, group: null })),
  ];
}

export type SupervisorBoard = { key: string; items: SupervisedTicket[]; open: number; overdue: number; closed: number };

/** Each supervisor with their tickets (in the board's order: overdue first), those with the most open first. */
export function boardsBySupervisor(supervised: readonly SupervisedTicket[]): SupervisorBoard[] {
  const by = new Map<string, SupervisedTicket[]>();
  for (const s of supervised) by.set(refKey(s.supervisor), [...(by.get(refKey(s.supervisor)) ?? []), s]);
  return [...by.entries()]
    .map(([key, items]) => ({ key, items, open: items.filter((i) => !i.closedLoop).length, overdue: items.filter((i) => i.overdue).length, closed: items.filter((i) => i.closedLoop).length }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.key.localeCompare(b.key));
}

const beijing = (ms: number) => {
  const d = new Date(ms + 8 * 3_600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() };
};

/** Loops closed (ticket closed, the supervisor's call-back satisfied) this month, last month and this year (Beijing). */
export function closedByPeriod(supervised: readonly SupervisedTicket[], now: number): { month: number; last: number; year: number } {
  const n = beijing(now);
  const last = n.m === 0 ? { y: n.y - 1, m: 11 } : { y: n.y, m: n.m - 1 };
  const out = { month: 0, last: 0, year: 0 };
  for (const s of supervised) {
    if (!s.closedLoop || s.closedAt === null) continue;
    const c = beijing(s.closedAt);
    if (c.y === n.y && c.m === n.m) out.month++;
    if (c.y === last.y && c.m === last.m) out.last++;
    if (c.y === n.y) out.year++;
  }
  return out;
}

/** Whole days a suggestion has been at its stage. */
export const stageAgeDays = (s: Suggestion, now: number) => Math.max(0, Math.floor((now - (s.history.at(-1)?.at ?? s.submittedAt)) / 86_400_000));
/** How many times 不满意 sent it back to 交. */
export const reopenCount = (s: Suggestion) => s.history.filter((h, i) => h.stage === 'assigned' && s.history[i - 1]?.stage === 'answered').length;
