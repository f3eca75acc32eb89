/**
 * The report's summary (综述): the three largest changes against the period before, each said by a template
 * sentence from its figures — nothing is written that the figures do not say. A change in tickets (intake in all,
 * of a category, a sub-district or a source) weighs its difference in tickets; a change of a rate weighs the
 * tickets it amounts to (the difference in points × the tickets it is a share of). Pure.
 */
export type CountChange = { kind: 'intake' | 'category' | 'subDistrict' | 'source'; key: string | null; from: number; to: number };
export type RateChange = { kind: 'closedRate' | 'onTimeRate' | 'satisfactionRate'; key: null; from: number; to: number; base: number };
export type Change = { kind: CountChange['kind'] | RateChange['kind']; key: string | null; from: number; to: number };

/** The `n` largest changes, largest first; nothing that did not change. */
export function largestChanges(counts: CountChange[], rates: RateChange[], n = 3): Change[] {
  const weighed = [
    ...counts.map((c) => ({ c: { kind: c.kind, key: c.key, from: c.from, to: c.to }, w: Math.abs(c.to - c.from) })),
    ...rates.map((r) => ({ c: { kind: r.kind, key: null, from: r.from, to: r.to }, w: Math.abs(r.to - r.from) * r.base })),
  ].filter((x) => x.w > 0);
  weighed.sort((a, b) => b.w - a.w || String(a.c.key).localeCompare(String(b.c.key)));
  return weighed.slice(0, n).map((x) => x.c);
}

export type SentenceLocale = 'zh-CN' | 'en';
/** Names for the keys of a change (a category's, a sub-district's, a source's) in the report's language. */
export type ChangeNames = (kind: Change['kind'], key: string) => string;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => (Math.abs(x) * 100).toFixed(1);

/** One change as a sentence in the report's language. */
export function changeSentence(c: Change, locale: SentenceLocale, names: ChangeNames): string {
  const zh = locale === 'zh-CN';
  if (c.kind === 'closedRate' || c.kind === 'onTimeRate' || c.kind === 'satisfactionRate') {
    const label = zh ? { closedRate: '办结率', onTimeRate: '按时办结率', satisfactionRate: '满意率' }[c.kind] : { closedRate: 'The closure rate', onTimeRate: 'The on-time rate', satisfactionRate: 'Satisfaction' }[c.kind];
    const up = c.to > c.from;
    return zh
      ? `${label}为 ${pct(c.to)}，比上期${up ? '上升' : '下降'} ${points(c.to - c.from)} 个百分点。`
      : `${label} was ${pct(c.to)}, ${points(c.to - c.from)} points ${up ? 'higher' : 'lower'} than the period before.`;
  }
  const diff = c.to - c.from;
  const rel = c.from > 0 ? ` (${diff > 0 ? '+' : ''}${((diff / c.from) * 100).toFixed(1)}%)` : '';
  const relZh = c.from > 0 ? `（${diff > 0 ? '+' : ''}${((diff / c.from) * 100).toFixed(1)}%）` : '';
  const what = (() => {
    const name = c.key === null ? '' : names(c.kind, c.key);
    if (zh) return { intake: '受理诉求', category: `“${name}”类诉求`, subDistrict: `${name}受理诉求`, source: `${name}渠道受理` }[c.kind as CountChange['kind']];
    return { intake: 'Intake', category: `Intake about ${name}`, subDistrict: `Intake in ${name}`, source: `Intake by ${name}` }[c.kind as CountChange['kind']];
  })();
  return zh
    ? `${what} ${c.to} 件，比上期${diff > 0 ? '增加' : '减少'} ${Math.abs(diff)} 件${relZh}。`
    : `${what}: ${c.to}, ${Math.abs(diff)} ${diff > 0 ? 'more' : 'fewer'} than the period before${rel}.`;
}
