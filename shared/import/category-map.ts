/**
 * 分类对照: the platform's category text → our category code. Each district classifies differently, so the
 * map is data the chair edits (设置 → 导入工单 → 分类对照); it starts from the texts below, common in the
 * 12345 and grid platforms' exports. A row's category is looked up as "一级/二级", then the second level
 * alone, then the first: a text the map does not know is imported under 其他 (other), counted, and listed
 * for the chair — with a keyword suggestion that is shown, never applied by itself.
 */
import { CATEGORIES, type Category } from '../domain/categories';

export const DEFAULT_CATEGORY_MAP: Readonly<Record<string, Category>> = {
  物业管理: 'propertyManagement',
  物业服务: 'propertyManagement',
  物业纠纷: 'propertyManagement',
  '城乡建设/物业管理': 'propertyManagement',
  电梯: 'lift',
  电梯故障: 'lift',
  电梯安全: 'lift',
  加装电梯: 'lift',
  屋面漏雨: 'roofLeak',
  房屋漏水: 'roofLeak',
  房屋渗漏: 'roofLeak',
  绿化: 'greeneryDamage',
  绿化破坏: 'greeneryDamage',
  毁绿占绿: 'greeneryDamage',
  园林绿化: 'greeneryDamage',
  占道经营: 'streetVending',
  流动摊贩: 'streetVending',
  摊贩: 'streetVending',
  油烟: 'fumesNoise',
  噪声: 'fumesNoise',
  噪音扰民: 'fumesNoise',
  油烟噪声: 'fumesNoise',
  餐饮油烟: 'fumesNoise',
  施工噪音: 'fumesNoise',
  拆改承重墙: 'loadBearingWall',
  违规装修: 'loadBearingWall',
  消费维权: 'consumerDispute',
  消费纠纷: 'consumerDispute',
  消费者权益: 'consumerDispute',
  停车: 'parking',
  停车管理: 'parking',
  乱停车: 'parking',
  违章停车: 'parking',
  下水道: 'drains',
  排水: 'drains',
  下水道堵塞: 'drains',
  雨污分流: 'drains',
  窨井: 'drains',
  信号灯: 'trafficLight',
  交通信号灯: 'trafficLight',
  红绿灯: 'trafficLight',
  其他: 'other',
  其它: 'other',
};

/** A category text as the map keys it: half-width, no spaces, levels joined by "/". */
export function categoryKey(level1: string, level2 = ''): string {
  const a = level1.normalize('NFKC').replace(/\s+/g, '').replace(/[>＞\\|｜-]+/g, '/');
  const b = level2.normalize('NFKC').replace(/\s+/g, '');
  return a && b ? `${a}/${b}` : a || b;
}

export type CategoryLookup = { category: string; mapped: true } | { category: 'other'; mapped: false; text: string };

/** Look a row's category up: "一级/二级", then the last level, then the first. An empty category is 其他, mapped. */
export function lookUpCategory(map: ReadonlyMap<string, string>, level1: string, level2 = ''): CategoryLookup {
  const full = categoryKey(level1, level2);
  if (!full) return { category: 'other', mapped: true };
  const parts = full.split('/').filter(Boolean);
  for (const k of [full, parts[parts.length - 1]!, parts[0]!]) {
    const c = map.get(k);
    if (c) return { category: c, mapped: true };
  }
  return { category: 'other', mapped: false, text: full };
}

const KEYWORDS: readonly [RegExp, Category][] = [
  [/物业/, 'propertyManagement'],
  [/电梯/, 'lift'],
  [/漏雨|漏水|渗水|渗漏/, 'roofLeak'],
  [/绿化|绿地|树木/, 'greeneryDamage'],
  [/摊|占道/, 'streetVending'],
  [/油烟|噪|扰民/, 'fumesNoise'],
  [/承重|装修/, 'loadBearingWall'],
  [/消费|商家|退款/, 'consumerDispute'],
  [/停车|车位/, 'parking'],
  [/下水|排水|污水|管道|窨井|井盖|积水/, 'drains'],
  [/信号灯|红绿灯/, 'trafficLight'],
];

/** A keyword's suggestion for an unknown text (for the chair to confirm or change). */
export function suggestCategory(text: string): Category | null {
  for (const [re, c] of KEYWORDS) if (re.test(text)) return c;
  return null;
}

export function isKnownCategory(code: string): code is Category {
  return (CATEGORIES as readonly string[]).includes(code);
}
