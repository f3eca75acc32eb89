/** A bar under the header while a large pull is under way. */
import type { SyncStatus } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';

export function SyncProgress({ status }: { status: SyncStatus | undefined }) {
  const { t } = useI18n();
  const p = status?.progress;
  if (!p) return null;
  const pct = Math.min(100, Math.floor((100 * p.done) / Math.max(1, p.total)));
  return (
    <div className="sync-progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} data-testid="sync-progress">
      <div className="sync-progress-fill" style={{ width: `${pct}%` }} />
      <span className="sync-progress-label">{t('conn.syncing', { pct })}</span>
    </div>
  );
}
