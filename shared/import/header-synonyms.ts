/**
 * Column headers of the common exports, by the field they mean — kept as data. Headers are compared after
 * normalising (full-width to half-width, spaces, brackets and their content, trailing colons removed), so
 * "受理时间（北京时间）" and "受理时间:" both match "受理时间". Add a platform's header here, or save a mapping
 * in the console (设置 → 导入工单) for the district's own.
 */
import type { ImportField } from './fields';

export const HEADER_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  ticketNo: ['工单编号', '工单号', '编号', '受理编号', '工单流水号', '流水号', '事件编号', '案件编号', '诉求编号', 'ticket no', 'ticketno', 'ticket number'],
  receivedAt: ['受理时间', '来电时间', '登记时间', '创建时间', '上报时间', '派单时间', '事发时间', '接收时间', '立案时间', 'received at', 'receivedat', 'received'],
  source: ['诉求渠道', '来源渠道', '来源', '渠道', '受理渠道', '工单来源', '信息来源', 'source', 'channel'],
  appealType: ['诉求类型', '诉求性质', '来电类型', '工单类型', '事件类型', '类型'],
  title: ['诉求标题', '标题', '工单标题', '事件标题', '主题'],
  summary: ['诉求内容', '来电内容', '工单内容', '事件描述', '问题描述', '诉求描述', '反映内容', '内容', '具体诉求', 'summary', 'content', 'description'],
  address: ['事发地址', '事发地点', '地址', '发生地址', '详细地址', '问题地址', '事件地址', '地点', 'address'],
  subDistrict: ['所属街道', '街道', '街道办', '街道名称', '所属镇街', '镇街', '属地街道', '承办街道', '区域', 'sub-district', 'subdistrict', 'street'],
  community: ['所属社区', '社区', '社区名称', '村社区', '所属村居', 'community'],
  grid: ['所属网格', '网格', '网格名称', '网格编号', 'grid'],
  category1: ['问题分类', '一级分类', '诉求分类', '事件分类', '问题类别', '分类', '大类', '事项分类', 'category'],
  category2: ['二级分类', '问题子类', '小类', '子分类', '事件小类', '二级问题分类', 'subcategory'],
  handlingUnit: ['承办单位', '办理单位', '处置单位', '责任单位', '主办单位', '承办部门', 'handling unit'],
  deadlineAt: ['办理时限', '截止时间', '办结时限', '处置时限', '要求办结时间', '到期时间', '期限', 'deadline'],
  resolvedAt: ['办结时间', '完成时间', '处置完成时间', '结案时间', '回复时间', 'resolved at'],
  status: ['工单状态', '状态', '办理状态', '处置状态', '案件状态', 'status'],
  satisfaction: ['回访满意度', '满意度', '回访结果', '评价结果', '市民评价', 'satisfaction'],
  callerName: ['来电人', '来电人姓名', '诉求人', '姓名', '联系人', '反映人', '上报人', 'caller'],
  callerPhone: ['联系电话', '来电号码', '电话', '手机号', '手机', '联系方式', '诉求人电话', 'phone'],
  lng: ['经度', 'lng', 'lon', 'longitude', 'x坐标'],
  lat: ['纬度', 'lat', 'latitude', 'y坐标'],
};

/** A header as compared: half-width, lower case, without spaces, bracketed notes or a trailing colon. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[([【（][^)\]】）]*[)\]】）]/g, '')
    .replace(/[\s:：*＊]+/g, '')
    .toLowerCase();
}

const BY_KEY = new Map<string, ImportField>();
for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [ImportField, readonly string[]][]) {
  for (const n of names) BY_KEY.set(headerKey(n), field);
}

/** The field a header names, if it is a known one. */
export function fieldOfHeader(header: string): ImportField | null {
  return BY_KEY.get(headerKey(header)) ?? null;
}

/** Each header's field, each field given to its first column only (a second "状态" is left unmapped). */
export function guessColumns(headers: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const f = fieldOfHeader(h);
    if (!f || taken.has(f)) return null;
    taken.add(f);
    return f;
  });
}

/** How many headers of a row are known ones (the header row is the first of the file's first 30 rows with at least 2). */
export function knownHeaderCount(cells: readonly string[]): number {
  return new Set(cells.map(fieldOfHeader).filter((f) => f !== null)).size;
}
