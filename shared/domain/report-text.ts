/**
 * What a report says in words, for the screen and the files: its title from its kind and period, the names of
 * categories, places, sources and statuses, and the summary's sentences. Reports go to the district's leaders in
 * Chinese; the screen shows them in its own language. Pure.
 */
import { labelOr, type Locale } from '../i18n/catalogue';
import { placeName, subDistrictName } from './divisions';
import { changeSentence, type Change } from './report-changes';
import type { ReportKind } from './report-period';

export type ReportNames = {
  category: (c: string) => string;
  subDistrict: (code: string) => string;
  place: (code: string) => string;
  source: (s: string) => string;
  status: (s: string) => string;
  /** A handling unit ('' while none is set). */
  unit: (u: string) => string;
};

export function reportNames(locale: Locale): ReportNames {
  return {
    category: (c) => labelOr(locale, `category.${c}`, c),
    subDistrict: (code) => subDistrictName(code, locale),
    place: (code) => placeName(code, locale),
    source: (s) => labelOr(locale, `source.${s}`, s),
    status: (s) => labelOr(locale, `status.${s}`, s),
    unit: (u) => u || (locale === 'zh-CN' ? '（未派单）' : '(not dispatched)'),
  };
}

const KIND_ZH: Record<ReportKind, string> = { day: '日报', week: '周报', month: '月报', custom: '专题报表' };
const KIND_EN: Record<ReportKind, string> = { day: 'Daily report', week: 'Weekly report', month: 'Monthly report', custom: 'Report' };

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The period as a reader says it: 2026年11月30日 / 2026年11月 / 2026年11月23日至11月29日. */
export function periodText(p: { kind: ReportKind; from: string; to: string }, locale: Locale): string {
  if (locale === 'en') {
    if (p.kind === 'day') return p.from;
    if (p.kind === 'month') return p.from.slice(0, 7);
    return `${p.from} to ${p.to}`;
  }
  const y = (d: string) => `${d.slice(0, 4)}年`;
  if (p.kind === 'day') return `${y(p.from)}${md(p.from)}`;
  if (p.kind === 'month') return `${y(p.from)}${Number(p.from.slice(5, 7))}月`;
  return p.from.slice(0, 4) === p.to.slice(0, 4) ? `${y(p.from)}${md(p.from)}至${md(p.to)}` : `${y(p.from)}${md(p.from)}至${y(p.to)}${md(p.to)}`;
}

/** E.g. 崇川区民生热点难点问题月报（2026年11月）. */
export function reportTitle(p: { kind: ReportKind; from: string; to: string }, locale: Locale, district: string): string {
  return locale === 'zh-CN'
    ? `${district}民生热点难点问题${KIND_ZH[p.kind]}（${periodText(p, locale)}）`
    : `${district}: ${KIND_EN[p.kind]} of residents' hot and difficult issues (${periodText(p, locale)})`;
}

export const kindName = (k: ReportKind, locale: Locale) => (locale === 'zh-CN' ? KIND_ZH[k] : KIND_EN[k]);

/** The summary's sentences (empty when there is no period before to compare with). */
export function summarySentences(changes: Change[], locale: Locale): string[] {
  const names = reportNames(locale);
  return changes.map((c) => changeSentence(c, locale, (kind, key) => (kind === 'category' ? names.category(key) : kind === 'subDistrict' ? names.subDistrict(key) : names.source(key))));
}
