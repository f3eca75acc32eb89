/**
 * One row of an export to a ticket record, or the reason it is refused (the column and why). Pure and
 * deterministic: the same row gives the same record (re-importing a file changes nothing), so nothing here
 * reads the clock except to refuse a time in the future.
 */
import { beijingDate, deadlineFor, ruleFor, type DeadlineRule } from '../domain/deadlines';
import { TicketNo, type TicketRecord, type TicketSource, type TimelineEntry } from '../domain/ticket';
import { parseBeijingTime } from './beijing-time';
import { lookUpCategory } from './category-map';
import type { ImportField } from './fields';
import { maskedCaller } from './mask';
import { communityOf, coordinatesOf, place, subDistrictInAddress, subDistrictOfName, type Gazetteer } from './places';
import { satisfactionOfWord, sourceOfWord, statusOfWord } from './value-words';

/** A cell as a reader gives it: text (CSV), or a workbook's number or date. */
export type Cell = string | number | Date | null | undefined;

export type RowContext = {
  columns: readonly (ImportField | null)[];
  headers: readonly string[];
  categoryMap: ReadonlyMap<string, string>;
  gazetteer: Gazetteer;
  /** Refuse times later than this (now plus a little clock skew). */
  latestTime: number;
  deadlineRules?: Readonly<Record<string, DeadlineRule>>;
};

export type RowRefusal = { column: string | null; reason: string; params?: Record<string, string | number> };
export type RowOutcome =
  | { ok: true; record: TicketRecord; unmappedCategory: string | null }
  | { ok: false; ticketNo: string | null; refusal: RowRefusal };

/** A cell as text: numbers without exponent or float noise, dates as their wall-clock time. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isInteger(c) && Math.abs(c) < 1e21 ? c.toFixed(0) : String(c);
  if (c instanceof Date) return Number.isFinite(c.getTime()) ? c.toISOString().slice(0, 19).replace('T', ' ') : '';
  // Text stays as written (Chinese punctuation is not "full-width noise"); the fields that need it — numbers,
  // times, names matched against the divisions — normalise full-width characters themselves.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is taken out
  return c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').trim();
}

const fit = (t: string, max: number) => (t.length > max ? `${t.slice(0, max - 1)}…` : t);
const MAX_TIME_TEXT = 40;

/** A ticket number as a cell holds it: half-width, without spaces. */
export function ticketNoText(c: Cell): string {
  return cellText(c).normalize('NFKC').replace(/\s+/g, '');
}

/** A deadline depends only on the day of receipt (in Beijing) and the rule: computed once per day and rule
 * (the holiday calendar's lookups cost more than the rest of a row). */
const deadlineCache = new Map<string, number>();
function deadlineOf(receivedAt: number, rule: DeadlineRule): number {
  const day = beijingDate(receivedAt);
  const key = `${day}|${rule.limitDays}|${rule.rule}`;
  let at = deadlineCache.get(key);
  if (at === undefined) {
    at = deadlineFor(receivedAt, rule).deadlineAt;
    if (deadlineCache.size > 20_000) deadlineCache.clear();
    deadlineCache.set(key, at);
  }
  return at;
}

const LIMIT = /^(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*(工作日|自然日|天|日)$/;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** "5", "五", "十五", "二十" → the number. */
function limitDays(t: string): number {
  if (/^\d+$/.test(t)) return Number(t);
  const [a, b] = t.split('十');
  if (b === undefined) return CN_DIGITS[t] ?? 0;
  return (a ? (CN_DIGITS[a] ?? 0) : 1) * 10 + (b ? (CN_DIGITS[b] ?? 0) : 0);
}

/** Each field's column, worked out once per mapping (not per row). */
const columnIndex = new WeakMap<readonly (ImportField | null)[], Map<ImportField, number>>();
function columnsOf(columns: readonly (ImportField | null)[]): Map<ImportField, number> {
  let m = columnIndex.get(columns);
  if (!m) {
    m = new Map();
    columns.forEach((f, i) => f && !m!.has(f) && m!.set(f, i));
    columnIndex.set(columns, m);
  }
  return m;
}

export function rowToRecord(cells: readonly Cell[], ctx: RowContext): RowOutcome {
  const colOf = columnsOf(ctx.columns);
  const raw = (f: ImportField): Cell => {
    const i = colOf.get(f);
    return i === undefined ? undefined : cells[i];
  };
  const text = (f: ImportField) => cellText(raw(f));
  const header = (f: ImportField) => {
    const i = colOf.get(f);
    return i === undefined ? null : (ctx.headers[i] ?? `#${i + 1}`);
  };
  const refuse = (f: ImportField | null, reason: string, params?: Record<string, string | number>, no: string | null = null): RowOutcome => ({
    ok: false,
    ticketNo: no,
    refusal: { column: f ? header(f) : null, reason, ...(params ? { params } : {}) },
  });
  const time = (f: ImportField): number | null | 'bad' => {
    const c = raw(f);
    if (c === undefined || c === null || cellText(c) === '') return null;
    const ms = parseBeijingTime(typeof c === 'string' ? cellText(c) : c);
    return ms === null ? 'bad' : ms;
  };

  const no = ticketNoText(raw('ticketNo'));
  if (!no) return refuse('ticketNo', 'noTicketNo');
  if (!TicketNo.safeParse(no).success) return refuse('ticketNo', 'badTicketNo', { value: fit(no, MAX_TIME_TEXT) }, null);

  const receivedAt = time('receivedAt');
  if (receivedAt === null) return refuse('receivedAt', 'noTime', undefined, no);
  if (receivedAt === 'bad') return refuse('receivedAt', 'badTime', { value: fit(text('receivedAt'), MAX_TIME_TEXT) }, no);
  if (receivedAt > ctx.latestTime) return refuse('receivedAt', 'futureTime', { value: fit(text('receivedAt'), MAX_TIME_TEXT) }, no);
  if (receivedAt < 0) return refuse('receivedAt', 'badTime', { value: fit(text('receivedAt'), MAX_TIME_TEXT) }, no);

  const address = fit(text('address'), 200);
  const sdText = text('subDistrict');
  let subDistrictCode: string | null = null;
  if (sdText) {
    subDistrictCode = subDistrictOfName(sdText);
    if (!subDistrictCode) return refuse('subDistrict', 'unknownSubDistrict', { value: fit(sdText, 60) }, no);
  }
  const communityText = text('community');
  let community = communityText ? communityOf(communityText, subDistrictCode) : null;
  subDistrictCode ??= (address ? subDistrictInAddress(address) : null) ?? community?.subDistrictCode ?? null;
  if (!community && address) community = communityOf(address, subDistrictCode);
  subDistrictCode ??= community?.subDistrictCode ?? null;
  if (!subDistrictCode) return refuse(address ? 'address' : 'subDistrict', 'noPlace', undefined, no);

  const statusText = text('status');
  const resolvedAt = time('resolvedAt');
  if (resolvedAt === 'bad') return refuse('resolvedAt', 'badTime', { value: fit(text('resolvedAt'), MAX_TIME_TEXT) }, no);
  if (resolvedAt !== null && resolvedAt > ctx.latestTime) return refuse('resolvedAt', 'futureTime', { value: fit(text('resolvedAt'), MAX_TIME_TEXT) }, no);
  const status = statusText ? statusOfWord(statusText) : resolvedAt !== null ? 'resolved' : 'received';
  if (!status) return refuse('status', 'unknownStatus', { value: fit(statusText, 40) }, no);

  const cat = lookUpCategory(ctx.categoryMap, text('category1'), text('category2'));

  let deadlineAt: number;
  const deadlineCell = raw('deadlineAt');
  const deadlineText = text('deadlineAt').normalize('NFKC');
  const limit = LIMIT.exec(deadlineText);
  if (limit) {
    const rule: DeadlineRule = { limitDays: Math.max(1, limitDays(limit[1]!)), rule: limit[2] === '工作日' ? 'working' : 'natural' };
    deadlineAt = deadlineOf(receivedAt, rule);
  } else if (deadlineText) {
    const ms = parseBeijingTime(typeof deadlineCell === 'string' ? deadlineText : (deadlineCell as number | Date));
    if (ms === null) return refuse('deadlineAt', 'badDeadline', { value: fit(deadlineText, MAX_TIME_TEXT) }, no);
    // A date alone means the end of that day.
    // A date alone means the end of that day: written so, or a workbook's whole serial day.
    const dateOnly = /^\d{4}\D\d{1,2}\D\d{1,2}\D?$/.test(deadlineText) || (typeof deadlineCell === 'number' && Number.isInteger(deadlineCell));
    deadlineAt = dateOnly ? ms + 86_400_000 - 1 : ms;
  } else {
    deadlineAt = deadlineOf(receivedAt, ruleFor(cat.category, ctx.deadlineRules));
  }

  const source: TicketSource = text('source') ? sourceOfWord(text('source')) : /^12345/.test(no) ? 'hotline12345' : /^WG/i.test(no) ? 'gridReport' : 'other';
  const appeal = text('appealType');
  const title = text('title');
  const body = text('summary');
  const summary = fit([appeal ? `【${appeal}】` : '', title && body && !body.startsWith(title) ? `${title}：${body}` : body || title].join(''), 2000);
  const placed = place({ coordinates: coordinatesOf(text('lng'), text('lat')), address, subDistrictCode, communityCode: community?.code ?? null }, ctx.gazetteer);
  const handlingUnit = fit(text('handlingUnit'), 100) || null;
  const actor = source === 'hotline12345' ? '12345平台' : source === 'gridReport' ? '网格平台' : '导入';
  const timeline: TimelineEntry[] = [{ at: receivedAt, kind: 'received', actor, note: '' }];
  if (resolvedAt !== null && (status === 'resolved' || status === 'closed')) timeline.push({ at: Math.max(resolvedAt, receivedAt), kind: 'resolved', actor: handlingUnit ?? actor, note: '' });

  const record: TicketRecord = {
    ticket: {
      ticketNo: no,
      source,
      receivedAt,
      callerMasked: maskedCaller(text('callerName'), text('callerPhone')),
      summary,
      address,
      lng: placed.lng,
      lat: placed.lat,
      placement: placed.placement,
      category: cat.category,
      subDistrictCode,
      communityCode: community?.code ?? null,
      grid: fit(text('grid'), 64) || null,
      whistleLevel: 'routine',
      cross: { region: false, level: false, department: false },
      handlingUnit,
      leadDepartment: null,
      coDepartments: [],
      deadlineAt,
      status,
      satisfaction: text('satisfaction') ? satisfactionOfWord(text('satisfaction')) : null,
      updatedAt: Math.max(receivedAt, resolvedAt ?? 0),
    },
    timeline,
  };
  return { ok: true, record, unmappedCategory: cat.mapped ? null : cat.text };
}
