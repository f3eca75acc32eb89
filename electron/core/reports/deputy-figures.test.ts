/** 代表督办 in a report: each figure counted in its period only, and where things stand at the report's time. */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db/open';
import { saveRegisters } from '../../../db/queries/registers';
import type { RegisterRecord, Suggestion } from '../../../shared/supervision';
import { deputyFigures } from './deputy-figures';

const DAY = 86_400_000;
const NOV = { fromMs: Date.UTC(2026, 9, 31, 16), toMs: Date.UTC(2026, 10, 30, 16) }; // November in Beijing
const IN = Date.UTC(2026, 10, 10);
const BEFORE = Date.UTC(2026, 9, 20);
let store: Store;
afterEach(async () => store?.destroy());

const suggestion = (history: Suggestion['history'], stage: Suggestion['stage']): Suggestion => ({ kind: 'suggestion', id: randomUUID(), deputyId: randomUUID(), title: '建议', content: '', subDistrictCode: null, stage, leadUnit: '区住建局', deadlineAt: null, doneReport: '', evaluation: null, history, submittedAt: history[0]!.at, updatedAt: 0 });
const h = (at: number, stage: Suggestion['stage']) => ({ at, stage, by: '', note: '' });
const ev = [{ ticketNo: 'T-1', summary: 's', why: 'returned' as const, at: BEFORE, reason: 'r' }];

describe('代表督办 in a report', () => {
  it('counts suggestions, letters, referrals and fund payments of the period, not those before it', async () => {
    store = await openStore({ filename: ':memory:' });
    const records: RegisterRecord[] = [
      suggestion([h(BEFORE, 'submitted'), h(BEFORE, 'assigned'), h(IN, 'done'), h(IN, 'answered'), h(IN, 'assigned')], 'assigned'),
      suggestion([h(IN, 'submitted'), h(IN + DAY, 'assigned'), h(IN + DAY, 'done'), h(IN + 2 * DAY, 'answered')], 'answered'),
      suggestion([h(IN, 'submitted')], 'submitted'),
      { kind: 'letter', id: randomUUID(), number: '督查〔2026〕1号', unit: 'U', subDistrictCode: null, tickets: ev, requirement: 'r', replyDueAt: IN, issuedAt: BEFORE, issuedBy: '', reply: 'ok', repliedAt: IN, updatedAt: 0 },
      { kind: 'letter', id: randomUUID(), number: '督查〔2026〕2号', unit: 'U', subDistrictCode: null, tickets: ev, requirement: 'r', replyDueAt: IN, issuedAt: IN, issuedBy: '', reply: null, repliedAt: null, updatedAt: 0 },
      { kind: 'referral', id: randomUUID(), unit: 'U', subDistrictCode: null, office: 'conduct', grounds: 'stalling', evidence: ev, note: '', sentAt: IN, sentBy: '', answer: null, answeredAt: null, updatedAt: 0 },
      { kind: 'fund', id: '320613003', amount: 500_000, spends: [{ id: randomUUID(), ticketNo: 'T-1', amount: 80_000, purpose: '抢修', at: IN, by: '' }, { id: randomUUID(), ticketNo: 'T-2', amount: 5_000, purpose: '上月', at: BEFORE, by: '' }], updatedAt: 0 },
    ];
    await saveRegisters(store, records.map((record, i) => ({ seq: i + 1, record })), records.length);
    const d = await deputyFigures(store, NOV, NOV.toMs);
    expect(d.suggestions).toEqual({ submitted: 2, answered: 2, satisfied: 1, reopened: 1, atSubmitted: 1, atAssigned: 1, atDone: 0 });
    expect(d.letters).toEqual({ issued: 1, replied: 1, awaiting: 1 });
    expect(d.referrals).toEqual({ sent: 1, answered: 0 });
    expect(d.funds).toMatchObject({ spends: 1, amount: 80_000, items: [{ subDistrictCode: '320613003', ticketNo: 'T-1' }] });
    // An empty period: zeros throughout.
    const empty = await deputyFigures(store, { fromMs: 0, toMs: DAY }, DAY);
    expect([empty.suggestions.submitted, empty.letters.issued, empty.referrals.sent, empty.funds.spends, empty.hardClosed]).toEqual([0, 0, 0, 0, 0]);
  });
});
