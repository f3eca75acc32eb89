/** Actions area: what a user does to a ticket goes to the outbox, then to the hub, exactly once. */
import { z } from 'zod';
import { ACTION_KINDS, ActionRequest } from '../hub-protocol';
import { ErrorCode, ErrorParams, ErrorReason } from '../rpc/errors';

export { ActionRequest };

/** What an outbox item does: one of the hub's action kinds. */
export const ActionKind = z.enum(ACTION_KINDS);

export const OutboxState = z.enum(['pending', 'delivered', 'rejected']);
export const OutboxItem = z.object({
  id: z.uuid(),
  createdAt: z.number().int(),
  kind: ActionKind,
  ticketNo: z.string().nullable(),
  /** The action as submitted (for display). */
  action: z.record(z.string(), z.unknown()),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  /** The hub's reason for a rejection, or the last transient failure while pending. */
  lastError: z.string().nullable(),
  /** A rejection as the catalogue renders it (the hub's code, and its reason with parameters when it gave one). */
  refusal: z.object({ code: ErrorCode, reason: ErrorReason.optional(), params: ErrorParams.optional() }).nullable(),
  settledAt: z.number().int().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const actionMethods = {
  'actions.submit': { input: ActionRequest, output: OutboxItem },
  'actions.list': {
    /** `id`: one item, however many came after it (a form follows its own change by it). */
    input: z.object({ id: z.string().max(80).optional(), ticketNo: z.string().max(64).optional(), states: z.array(OutboxState).max(3).optional(), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ items: z.array(OutboxItem) }),
  },
};

export const actionEvents = {
  'actions.changed': z.object({ items: z.array(OutboxItem).max(1000) }),
};
