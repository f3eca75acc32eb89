/**
 * Ticket categories (诉求分类) the console knows by name. A hub may send other codes;
 * they are stored and shown as-is. Labels live in the i18n catalogue (category.<code>).
 */
export const CATEGORIES = [
  'propertyManagement', // 物业管理
  'lift', // 电梯
  'roofLeak', // 屋面漏雨
  'greeneryDamage', // 绿化破坏
  'streetVending', // 摊贩 / 占道经营
  'fumesNoise', // 油烟噪声
  'loadBearingWall', // 拆改承重墙
  'consumerDispute', // 消费维权
  'parking', // 停车
  'drains', // 下水道 / 雨污分流
  'trafficLight', // 信号灯
  'other', // 其他
] as const;
export type Category = (typeof CATEGORIES)[number];
