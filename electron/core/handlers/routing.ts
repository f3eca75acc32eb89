import { randomUUID } from 'node:crypto';
import type { Store } from '../../../db/open';
import { deleteRoutingRule, listRoutingRules, saveRoutingRule } from '../../../db/queries/routing-rules';
import { getTicket } from '../../../db/queries/tickets';
import type { LiandongContract, RoutingRule } from '../../../shared/contract';
import { matchRule } from '../../../shared/domain/routing';
import type { Handlers } from '../../../shared/rpc/define';
import { RpcError } from '../../../shared/rpc/errors';

type RoutingMethods = 'routing.list' | 'routing.save' | 'routing.delete' | 'routing.suggest';

export function routingHandlers(store: Store, clock: () => number, changed: (rules: RoutingRule[]) => void): Pick<Handlers<LiandongContract>, RoutingMethods> {
  const announce = async () => changed(await listRoutingRules(store));
  return {
    'routing.list': async () => ({ rules: await listRoutingRules(store) }),
    'routing.save': async ({ id, ...input }) => {
      const rule = await saveRoutingRule(store, id ?? randomUUID(), input, clock(), id === undefined);
      if (!rule) throw new RpcError('notFound', `no rule ${id}`, { reason: 'routingRuleNotFound' });
      await announce();
      return rule;
    },
    'routing.delete': async ({ id }) => {
      const deleted = await deleteRoutingRule(store, id);
      if (deleted) await announce();
      return { deleted };
    },
    'routing.suggest': async ({ ticketNo }) => {
      const t = await getTicket(store, ticketNo);
      if (!t) throw new RpcError('notFound', `ticket ${ticketNo} is not in this console's store`, { reason: 'ticketNotFound', params: { ticketNo } });
      const rule = matchRule(await listRoutingRules(store), t);
      return rule ? { leadDepartment: rule.leadDepartment, rule } : null;
    },
  };
}
