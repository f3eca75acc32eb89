/** A letter's state as its badge says it: replied (when), overdue (its deadline), or awaiting a reply (by when). */
import type { Letter } from '../../../shared/supervision';
import type { Locale, MessageKey } from '../../../shared/i18n/catalogue';
import { formatDate } from '../../app/format';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function letterState(l: Letter, now: number, t: T, locale: Locale): { tone: 'closed' | 'late' | 'open'; text: string } {
  if (l.repliedAt !== null) return { tone: 'closed', text: t('sup.letterState.replied', { when: formatDate(l.repliedAt, locale) }) };
  if (l.replyDueAt < now) return { tone: 'late', text: t('sup.letterState.late', { due: formatDate(l.replyDueAt, locale) }) };
  return { tone: 'open', text: t('sup.letterState.open', { due: formatDate(l.replyDueAt, locale) }) };
}
