/**
 * The ticket status machine (工单状态流转), as pure functions.
 *
 *   received ─▶ dispatched ─▶ accepted ─▶ onSite ─▶ resolved ─▶ closed
 *                  │   ▲          │  └──────────────▲   │          │
 *                  ▼   │          ▼                     ▼          │
 *               returned ◀────────┘                  reopened ◀────┘
 *                                                     │  (▶ dispatched / accepted)
 *
 * - returned (退单) needs a reason; the ticket goes back to the dispatcher.
 * - closed (已回访办结) needs the caller's satisfaction from the call-back (回访).
 * - reopened (重办): the call-back was unsatisfied, or the matter came back after closing.
 */
export const TICKET_STATUSES = [
  'received',
  'dispatched',
  'accepted',
  'onSite',
  'resolved',
  'closed',
  'returned',
  'reopened',
] as const;
export type Status = (typeof TICKET_STATUSES)[number];

const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  received: ['dispatched'],
  dispatched: ['accepted', 'returned'],
  accepted: ['onSite', 'resolved', 'returned'],
  onSite: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  returned: ['dispatched'],
  reopened: ['dispatched', 'accepted'],
};

export function allowedNext(from: Status): readonly Status[] {
  return NEXT[from];
}

export function canTransition(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

export type TransitionRequest = {
  to: Status;
  at: number;
  /** Required for 'returned' (退单理由). */
  reason?: string;
  /** Required for 'closed' (回访满意度). */
  satisfaction?: 'satisfied' | 'basicallySatisfied' | 'unsatisfied';
};

export type TransitionRefusal =
  | { code: 'illegalTransition'; from: Status; to: Status }
  | { code: 'reasonRequired'; to: 'returned' }
  | { code: 'satisfactionRequired'; to: 'closed' }
  | { code: 'unsatisfiedCannotClose'; to: 'closed' };

export type TransitionResult<T> = { ok: true; value: T } | { ok: false; refusal: TransitionRefusal };

/**
 * Apply a status change to anything that carries `status` (and optionally `satisfaction`).
 * Returns a new object; the input is never mutated.
 */
export function transition<T extends { status: Status; satisfaction: TransitionRequest['satisfaction'] | null; updatedAt: number }>(
  ticket: T,
  req: TransitionRequest,
): TransitionResult<T> {
  const from = ticket.status;
  if (!canTransition(from, req.to)) {
    return { ok: false, refusal: { code: 'illegalTransition', from, to: req.to } };
  }
  if (req.to === 'returned' && !req.reason?.trim()) {
    return { ok: false, refusal: { code: 'reasonRequired', to: 'returned' } };
  }
  if (req.to === 'closed') {
    if (!req.satisfaction) return { ok: false, refusal: { code: 'satisfactionRequired', to: 'closed' } };
    if (req.satisfaction === 'unsatisfied') return { ok: false, refusal: { code: 'unsatisfiedCannotClose', to: 'closed' } };
  }
  const satisfaction = req.to === 'closed' ? req.satisfaction ?? null : req.to === 'reopened' ? null : ticket.satisfaction;
  return { ok: true, value: { ...ticket, status: req.to, satisfaction, updatedAt: req.at } };
}
