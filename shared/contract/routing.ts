/** Routing rules area (分派规则): saved from decisions, listed and edited; tickets that match show a suggested lead. */
import { z } from 'zod';
import { RoutingRule, RoutingRuleInput } from '../domain/routing';
import { TicketNo } from '../domain/ticket';

export { RoutingRule, RoutingRuleInput };

export const RoutingSuggestion = z.object({ leadDepartment: z.string(), rule: RoutingRule }).nullable();
export type RoutingSuggestion = z.infer<typeof RoutingSuggestion>;

export const routingMethods = {
  'routing.list': { input: z.object({}), output: z.object({ rules: z.array(RoutingRule) }) },
  /** Without id: a new rule; with one: that rule changed. */
  'routing.save': { input: RoutingRuleInput.extend({ id: z.string().max(64).optional() }), output: RoutingRule },
  'routing.delete': { input: z.object({ id: z.string().max(64) }), output: z.object({ deleted: z.boolean() }) },
  /** The lead department the rules suggest for a ticket (null: none matches). */
  'routing.suggest': { input: z.object({ ticketNo: TicketNo }), output: RoutingSuggestion },
};

export const routingEvents = {
  'routing.changed': z.object({ rules: z.array(RoutingRule) }),
};
