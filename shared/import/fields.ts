/**
 * What a column of a platform's export can mean (导入字段). A column maps to one field or to none (ignored).
 * Labels are in the i18n catalogue (import.field.<name>).
 */
import { z } from 'zod';

export const IMPORT_FIELDS = [
  'ticketNo', // 工单编号
  'receivedAt', // 受理时间 / 来电时间
  'source', // 诉求渠道 / 来源
  'appealType', // 诉求类型 (投诉, 咨询, 求助 …) — kept in the summary's first words
  'title', // 诉求标题
  'summary', // 诉求内容
  'address', // 事发地址
  'subDistrict', // 所属街道
  'community', // 所属社区
  'grid', // 网格
  'category1', // 问题分类 (一级)
  'category2', // 二级分类
  'handlingUnit', // 承办单位
  'deadlineAt', // 办理时限 / 截止时间
  'resolvedAt', // 办结时间
  'status', // 工单状态
  'satisfaction', // 回访满意度
  'callerName', // 来电人 — masked at import
  'callerPhone', // 联系电话 — masked at import
  'lng', // 经度
  'lat', // 纬度
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

/** Without these a row cannot become a ticket: its number, when it came in, and where (a sub-district, or an
 * address that names one). */
export const REQUIRED_FIELDS: readonly ImportField[] = ['ticketNo', 'receivedAt'];
/** At least one of these places the ticket in a sub-district. */
export const PLACE_FIELDS: readonly ImportField[] = ['subDistrict', 'address', 'community'];

/** Which required fields a column mapping lacks ('subDistrict' stands for "no column names the place"). */
export function missingFields(columns: readonly (ImportField | null)[]): ImportField[] {
  const has = new Set(columns.filter((c): c is ImportField => c !== null));
  const missing = REQUIRED_FIELDS.filter((f) => !has.has(f));
  if (!PLACE_FIELDS.some((f) => has.has(f))) missing.push('subDistrict');
  return missing;
}

/** Fields mapped by more than one column (a mapping must name each field at most once). */
export function duplicateFields(columns: readonly (ImportField | null)[]): ImportField[] {
  const seen = new Set<ImportField>();
  const twice = new Set<ImportField>();
  for (const c of columns) if (c) (seen.has(c) ? twice : seen).add(c);
  return [...twice];
}
