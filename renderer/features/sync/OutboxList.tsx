/** Actions as the outbox holds them: pending (with attempts) or refused (with the hub's reason). */
import type { OutboxItem } from '../../../shared/contract';
import { formatClock } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { describeError } from '../../../shared/i18n/catalogue';

export function describeAction(item: OutboxItem, label: (p: string, c: string) => string, t: ReturnType<typeof useI18n>['t']): string {
  const a = item.action as { kind: string; note?: string; to?: string; reason?: string };
  if (a.kind === 'status' && a.to) return t('action.to', { status: label('status', a.to) }) + (a.reason ? `(${a.reason})` : '');
  return `${label('action.kind', a.kind)}${a.note ? `:${a.note}` : ''}`;
}

export function OutboxList({ items, showTicket }: { items: OutboxItem[]; showTicket: boolean }) {
  const { t, label, locale } = useI18n();
  return (
    <ul className="outbox-list">
      {items.map((i) => (
        <li key={i.id} className={`outbox-item outbox-${i.state}`} data-testid={`outbox-${i.state}`}>
          <span className={`badge badge-${i.state}`}>{t(`action.state.${i.state}`)}</span>
          <span className="outbox-when">{formatClock(i.createdAt)}</span>
          {showTicket && <span className="outbox-ticket">{i.ticketNo}</span>}
          <span className="outbox-what">{describeAction(i, label, t)}</span>
          {i.state === 'pending' && i.attempts > 0 && <span className="outbox-note">{t('action.attempts', { n: i.attempts })}</span>}
          {i.refusal && (
            <div className="outbox-error" title={i.lastError ?? ''} data-testid="outbox-refusal">
              {describeError(locale, i.refusal)}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
