/** The wall never goes stale without saying so: offline from the hub, or more than 60 s behind it. */
import type { SyncStatus } from '../../../shared/contract';
import { formatClock } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useNow } from '../../app/use-link-state';
import { offlineFor } from './offline-for';

export const STALE_LAG_MS = 60_000;

export function StaleBanner({ status }: { status: SyncStatus | undefined }) {
  const { t } = useI18n();
  const now = useNow();
  if (!status) return null;
  if (status.linkProblem) {
    return (
      <div className="banner-offline banner-problem" role="alert" data-testid="link-problem-banner">
        {t(`conn.problem.${status.linkProblem}`)} {t('conn.lastSyncShort', { time: status.lastSyncAt ? formatClock(status.lastSyncAt) : t('conn.never') })}
      </div>
    );
  }
  if (status.connection === 'offline') {
    return (
      <div className="banner-offline" role="status" data-testid="offline-banner">
        {t('conn.offlineBanner', { offline: status.offlineSince === null ? t('conn.offline') : offlineFor(status.offlineSince, now, t), time: status.lastSyncAt ? formatClock(status.lastSyncAt) : t('conn.never') })}
      </div>
    );
  }
  if (status.lagMs !== null && status.lagMs > STALE_LAG_MS) {
    return (
      <div className="banner-offline" role="status" data-testid="lag-banner">
        {t('conn.lagBanner', { seconds: Math.round(status.lagMs / 1000) })}
      </div>
    );
  }
  return null;
}
