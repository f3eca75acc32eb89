/** Warning cards on the wall: every active, not yet acknowledged early warning, with 知悉 (acknowledge). */
import type { EarlyWarning } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function WarningCards({ active, onOpenTicket }: { active: EarlyWarning[]; onOpenTicket: (ticketNo: string) => void }) {
  const { t, label } = useI18n();
  const client = useClient();
  const open = active.filter((w) => w.acknowledgedAt === null);
  if (!open.length) return null;
  return (
    <div className="warning-cards" role="alert" data-testid="warning-cards">
      {open.slice(0, 3).map((w) => (
        <article key={w.id} className="warning-card" data-testid="warning-card" data-warning-id={w.id}>
          <header>{t('warn.title')}</header>
          <p className="warning-text">
            <strong>{w.placeName}</strong> · {label('category', w.category)}
          </p>
          <p className="warning-figure">{t('warn.count', { days: w.windowDays, n: w.count, threshold: w.threshold })}</p>
          <div className="warning-actions">
            <button type="button" onClick={() => onOpenTicket(w.latestTicketNo)}>
              {t('warn.latest')}
            </button>
            <button type="button" className="primary" onClick={() => client.call('warnings.acknowledge', { id: w.id, note: '' }).catch(reportError)} data-testid="warning-ack">
              {t('warn.ack')}
            </button>
          </div>
        </article>
      ))}
      {open.length > 3 && <div className="warning-more">{t('warn.more', { n: open.length - 3 })}</div>}
    </div>
  );
}
