/**
 * Warnings on the wall: a strip under the header, in the page's flow (it moves the views down, it never covers a
 * tile or the map) — one line per active warning not yet acknowledged, with the matter's tickets and 知悉.
 */
import type { EarlyWarning } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

/** Lines shown at most; the rest are counted ("另有 N 条预警", the 预警 view lists them). */
const SHOWN = 2;

export function WarningCards({ active, onOpenMatter }: { active: EarlyWarning[]; onOpenMatter: (warningId: string) => void }) {
  const { t, label, placeOf } = useI18n();
  const client = useClient();
  const open = active.filter((w) => w.acknowledgedAt === null);
  if (!open.length) return null;
  return (
    <div className="warning-cards" role="alert" data-testid="warning-cards">
      {open.slice(0, SHOWN).map((w) => (
        <article key={w.id} className="warning-card" data-testid="warning-card" data-warning-id={w.id}>
          <header>{t('warn.short')}</header>
          <p className="warning-text">
            <strong>{placeOf(w.placeCode)}</strong> · {label('category', w.category)}
          </p>
          <p className="warning-figure">{t('warn.count', { days: w.windowDays, n: w.count, threshold: w.threshold })}</p>
          <div className="warning-actions">
            <button type="button" onClick={() => onOpenMatter(w.id)} data-testid="warning-matter">
              {t('warn.matterTickets', { n: w.count })}
            </button>
            <button type="button" className="primary" onClick={() => client.call('warnings.acknowledge', { id: w.id, note: '' }).catch(reportError)} data-testid="warning-ack">
              {t('warn.ack')}
            </button>
          </div>
        </article>
      ))}
      {open.length > SHOWN && <div className="warning-more">{t('warn.more', { n: open.length - SHOWN })}</div>}
    </div>
  );
}
