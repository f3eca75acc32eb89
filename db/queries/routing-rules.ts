/** 分派规则 in the store. */
import type { Selectable } from 'kysely';
import type { RoutingRule, RoutingRuleInput } from '../../shared/domain/routing';
import type { Store } from '../open';
import type { RoutingRulesTable } from '../schema';

const toRule = (r: Selectable<RoutingRulesTable>): RoutingRule => ({
  id: r.id,
  category: r.category,
  keywords: JSON.parse(r.keywords) as string[],
  subDistrictCode: r.sub_district_code,
  communityCode: r.community_code,
  leadDepartment: r.lead_department,
  fromTicketNo: r.from_ticket_no,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listRoutingRules(store: Store): Promise<RoutingRule[]> {
  return (await store.selectFrom('routing_rules').selectAll().orderBy('updated_at', 'desc').execute()).map(toRule);
}

/** Insert (no id) or update (an existing id); answers the rule as stored, or undefined for an unknown id. */
export async function saveRoutingRule(store: Store, id: string, input: RoutingRuleInput, now: number, isNew: boolean): Promise<RoutingRule | undefined> {
  const values = { category: input.category, keywords: JSON.stringify(input.keywords), sub_district_code: input.subDistrictCode, community_code: input.communityCode, lead_department: input.leadDepartment, from_ticket_no: input.fromTicketNo, updated_at: now };
  if (isNew) await store.insertInto('routing_rules').values({ id, created_at: now, ...values }).execute();
  else if (Number((await store.updateTable('routing_rules').set(values).where('id', '=', id).executeTakeFirst()).numUpdatedRows) === 0) return undefined;
  const row = await store.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toRule(row);
}

export async function deleteRoutingRule(store: Store, id: string): Promise<boolean> {
  return Number((await store.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0;
}
