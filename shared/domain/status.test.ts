import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, allowedNext, canTransition, transition, type Status } from './status';

const ALLOWED: Record<Status, Status[]> = {
  received: ['dispatched'],
  dispatched: ['accepted', 'returned'],
  accepted: ['onSite', 'resolved', 'returned'],
  onSite: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  returned: ['dispatched'],
  reopened: ['dispatched', 'accepted'],
};

const base = { status: 'received' as Status, satisfaction: null, updatedAt: 0 };
const extras = (to: Status) => ({
  ...(to === 'returned' ? { reason: '不属于本单位职责' } : {}),
  ...(to === 'closed' ? { satisfaction: 'satisfied' as const } : {}),
});

describe('ticket status machine', () => {
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const allowed = ALLOWED[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        const r = transition({ ...base, status: from }, { to, at: 5, ...extras(to) });
        if (allowed) {
          expect(r).toMatchObject({ ok: true, value: { status: to, updatedAt: 5 } });
        } else {
          expect(r).toEqual({ ok: false, refusal: { code: 'illegalTransition', from, to } });
        }
      });
    }
  }

  it('lists the allowed next statuses', () => {
    expect(allowedNext('accepted')).toEqual(['onSite', 'resolved', 'returned']);
  });

  it('refuses a return (退单) without a reason', () => {
    expect(transition({ ...base, status: 'dispatched' }, { to: 'returned', at: 1, reason: '  ' })).toEqual({
      ok: false,
      refusal: { code: 'reasonRequired', to: 'returned' },
    });
  });

  it('closes only with a satisfied or basically satisfied call-back', () => {
    const resolved = { ...base, status: 'resolved' as Status };
    expect(transition(resolved, { to: 'closed', at: 1 })).toMatchObject({ ok: false, refusal: { code: 'satisfactionRequired' } });
    expect(transition(resolved, { to: 'closed', at: 1, satisfaction: 'unsatisfied' })).toMatchObject({ ok: false, refusal: { code: 'unsatisfiedCannotClose' } });
    expect(transition(resolved, { to: 'closed', at: 1, satisfaction: 'basicallySatisfied' })).toMatchObject({ ok: true, value: { satisfaction: 'basicallySatisfied' } });
  });

  it('clears the satisfaction when a closed ticket is reopened, and never mutates the input', () => {
    const closed = { ...base, status: 'closed' as Status, satisfaction: 'satisfied' as const };
    const r = transition(closed, { to: 'reopened', at: 9 });
    expect(r).toMatchObject({ ok: true, value: { status: 'reopened', satisfaction: null } });
    expect(closed.status).toBe('closed');
  });
});
