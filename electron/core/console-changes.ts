/**
 * What a console changes on its own — the wall's settings, the escalation rules, routing rules, the map pack —
 * goes to the hub's audit trail too: each successful change is queued in the outbox as a `consoleChange`
 * (exactly once, offline or not), with a one-line summary and the digest of what was set.
 */
import { createHash } from 'node:crypto';
import type { LiandongContract } from '../../shared/contract';
import type { Handlers } from '../../shared/rpc/define';
import type { ActionRequest } from '../../shared/hub-protocol';
import { readWallSettings } from './handlers/settings';
import type { Store } from '../../db/open';
import { placeName, subDistrictName } from '../../shared/domain/divisions';
import { labelOr } from '../../shared/i18n/catalogue';

type Recorded = 'settings.setWall' | 'routing.save' | 'routing.delete' | 'map.setPack' | 'map.resetPack';
type Submit = (change: Extract<ActionRequest, { kind: 'consoleChange' }>) => Promise<unknown>;

const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('base64url');

/** Wrap the handlers that change the console's own configuration so each change is also recorded. */
export function recordingConsoleChanges<H extends Pick<Handlers<LiandongContract>, Recorded>>(handlers: H, store: Store, submit: Submit, log: (line: string) => void): H {
  const record = (change: Parameters<Submit>[0]) => void submit(change).catch((e: unknown) => log(`console change not queued for the audit trail: ${String(e)}`));
  return {
    ...handlers,
    'settings.setWall': async (input, ctx) => {
      const before = await readWallSettings(store);
      const after = await handlers['settings.setWall'](input, ctx);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      if (changed.includes('escalationRules')) record({ kind: 'consoleChange', what: 'escalationRules', summary: `自动升哨规则已更改：${JSON.stringify(after.escalationRules).slice(0, 400)}`, digest: digest(after.escalationRules) });
      const rest = changed.filter((k) => k !== 'escalationRules');
      if (rest.length) record({ kind: 'consoleChange', what: 'settings', summary: `设置已更改：${rest.map((k) => `${String(k)}=${JSON.stringify(after[k])}`).join('; ').slice(0, 450)}`, digest: digest(after) });
      return after;
    },
    'routing.save': async (input, ctx) => {
      const rule = await handlers['routing.save'](input, ctx);
      const where = rule.communityCode ? placeName(rule.communityCode) : rule.subDistrictCode ? subDistrictName(rule.subDistrictCode) : '全区';
      const category = labelOr('zh-CN', `category.${rule.category}`, rule.category);
      record({ kind: 'consoleChange', what: 'routingRules', summary: `分派规则已保存：${category} @ ${where}${rule.keywords.length ? `［${rule.keywords.join('、')}］` : ''} → ${rule.leadDepartment}`, digest: digest(rule) });
      return rule;
    },
    'routing.delete': async (input, ctx) => {
      const out = await handlers['routing.delete'](input, ctx);
      if (out.deleted) record({ kind: 'consoleChange', what: 'routingRules', summary: `分派规则已删除：${input.id}`, digest: digest(input) });
      return out;
    },
    'map.setPack': async (input, ctx) => {
      const info = await handlers['map.setPack'](input, ctx);
      record({ kind: 'consoleChange', what: 'mapPack', summary: `地图包已载入：${(info.pack as { features?: unknown[] }).features?.length ?? 0} 个区域${info.missing.length ? `，缺 ${info.missing.join('、')}` : ''}`, digest: digest(input.text) });
      return info;
    },
    'map.resetPack': async (input, ctx) => {
      const info = await handlers['map.resetPack'](input, ctx);
      record({ kind: 'consoleChange', what: 'mapPack', summary: '已恢复内置地图', digest: digest(info) });
      return info;
    },
  };
}
