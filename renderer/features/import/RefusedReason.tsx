/**
 * Why a row (of an import, or a line of a gazetteer) was refused, in the user's words: its reason is a key of
 * import.refused.* (the hub's row checks) or of err.* (a whole-file reason), with its parameters. A parameter
 * that quotes the file (the cell's value, the parser's detail) is shown as data, verbatim.
 */
import type { ReactNode } from 'react';
import type { RefusedRow } from '../../../shared/contract';
import { CATALOGUE, describeError, translate, type Locale, type MessageKey } from '../../../shared/i18n/catalogue';
import { DataText } from '../../app/DataText';
import { useI18n } from '../../app/i18n';

/** Parameters that quote the file itself. */
const QUOTED = new Set(['value', 'detail', 'text']);

export function RefusedReason({ reason, params }: Pick<RefusedRow, 'reason' | 'params'>) {
  const { locale } = useI18n();
  const key = `import.refused.${reason}`;
  if (key in CATALOGUE) {
    const template = CATALOGUE[key as MessageKey][locale === 'en' ? 1 : 0] as string;
    const parts: ReactNode[] = template.split(/\{([a-zA-Z]+)\}/).map((part, i) => {
      if (i % 2 === 0) return part;
      const v = params?.[part];
      if (v === undefined) return `{${part}}`;
      return QUOTED.has(part) ? <DataText key={i}>{String(v)}</DataText> : String(v);
    });
    return <>{parts}</>;
  }
  return <>{refusedReasonText(locale, { reason, params })}</>;
}

/** The same as plain text (a title, a message line). */
export function refusedReasonText(locale: Locale, r: Pick<RefusedRow, 'reason' | 'params'>): string {
  const key = `import.refused.${r.reason}`;
  if (key in CATALOGUE) return translate(locale, key as MessageKey, r.params);
  if (`err.${r.reason}` in CATALOGUE) return describeError(locale, { reason: r.reason, params: r.params });
  return translate(locale, 'import.refusedOther', { reason: r.reason });
}
