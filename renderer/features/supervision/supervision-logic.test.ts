import { describe, expect, it } from 'vitest';
import type { SupervisedTicket } from '../../../shared/contract';
import type { Person, Suggestion } from '../../../shared/supervision';
import { boardsBySupervisor, closedByPeriod, keyRef, refKey, reopenCount, stageAgeDays, supervisorChoices } from './supervision-logic';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15, 4); // 15 January 2026, Beijing noon
const item = (id: string, supervisor: SupervisedTicket['supervisor'], o: Partial<SupervisedTicket>): SupervisedTicket => ({ kind: 'supervision', id, subDistrictCode: '320613004', supervisor, assignedAt: 0, assignedBy: '', steps: [], updatedAt: 0, ticket: null, overdue: false, closedLoop: false, closedAt: null, ...o });
const zhang = { type: 'person' as const, id: '11111111-1111-4111-8111-111111111111' };
const group = { type: 'group' as const, group: 'special' as const };

describe('the 督办 board', () => {
  it('groups tickets by supervisor, those with overdue tickets first, and counts them', () => {
    const boards = boardsBySupervisor([item('a', zhang, {}), item('b', group, { overdue: true }), item('c', zhang, { closedLoop: true, closedAt: NOW })]);
    expect(boards.map((b) => [b.key, b.open, b.overdue, b.closed])).toEqual([
      ['group:special', 1, 1, 0],
      [`person:${zhang.id}`, 1, 0, 1],
    ]);
    expect(keyRef(refKey(zhang))).toEqual(zhang);
    expect(keyRef(refKey(group))).toEqual(group);
    expect(keyRef('group:nope')).toBeNull();
  });

  it('counts closed loops by Beijing month across a year boundary', () => {
    const closed = (at: number) => item(String(at), zhang, { closedLoop: true, closedAt: at });
    const counts = closedByPeriod([closed(NOW - DAY), closed(Date.UTC(2025, 11, 31, 17)), closed(Date.UTC(2025, 11, 31, 15)), closed(Date.UTC(2025, 10, 3)), item('open', zhang, {})], NOW);
    // 31 Dec 17:00 UTC is 1 January in Beijing; 15:00 UTC is still 31 December.
    expect(counts).toEqual({ month: 2, last: 1, year: 2 });
  });

  it('offers the work groups, then the active people, deputies first', () => {
    const p = (name: string, role: Person['role'], active = true): Person => ({ kind: 'person', id: crypto.randomUUID(), name, role, groups: [], subDistrictCode: null, phone: '', active, updatedAt: 0 });
    const keys = supervisorChoices([p('王站长', 'stationHead'), p('李代表', 'deputy'), p('离任', 'deputy', false)]).map((c) => c.group ?? c.person!.name);
    expect(keys).toEqual(['livelihood', 'enforcement', 'experts', 'special', '李代表', '王站长']);
  });

  it('tells a suggestion\'s days at its stage and how often it was reopened', () => {
    const s = { submittedAt: NOW - 9 * DAY, history: [
      { at: NOW - 9 * DAY, stage: 'submitted', by: '', note: '' },
      { at: NOW - 8 * DAY, stage: 'assigned', by: '', note: '' },
      { at: NOW - 5 * DAY, stage: 'done', by: '', note: '' },
      { at: NOW - 3 * DAY, stage: 'answered', by: '', note: '' },
      { at: NOW - 3 * DAY, stage: 'assigned', by: '', note: '' },
    ] } as Suggestion;
    expect(stageAgeDays(s, NOW)).toBe(3);
    expect(reopenCount(s)).toBe(1);
  });
});
