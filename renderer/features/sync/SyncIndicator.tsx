/** Header indicator: online/offline, source, last sync, lag, pending actions. Click → the sync panel. */
import type { LinkState } from '../../../shared/rpc/client';
import type { SyncStatus } from '../../../shared/contract';
import { formatClock, formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';

export function SyncIndicator({ link, status, onOpen }: { link: LinkState; status: SyncStatus | undefined; onOpen: () => void }) {
  const { t } = useI18n();
  const online = link === 'open' && status?.connection === 'online';
  // Before the first pull ends the hub is reachable but the store not yet caught up: while it pulls, say so.
  const key =
    link !== 'open' || status?.connection === 'offline' ? 'conn.offline' : status?.connection === 'online' ? 'conn.online' : status?.progress ? 'conn.pulling' : 'conn.connecting';
  const offlineSince = status?.connection !== 'online' ? (status?.offlineSince ?? null) : null;
  return (
    <button className={`conn ${online ? 'conn-online' : key === 'conn.offline' ? 'conn-offline' : 'conn-connecting'}`} data-testid="connection" onClick={onOpen}>
      <span className="conn-dot" aria-hidden />
      <span>{t(key)}</span>
      {offlineSince !== null && (
        <span className="conn-sync" data-testid="offline-since">
          {t('conn.offlineSince', { since: formatWhen(offlineSince, Date.now()) })}
        </span>
      )}
      {status && <span className="conn-source">{t(status.source === 'demo' ? 'conn.source.demo' : 'conn.source.hub')}</span>}
      <span className="conn-sync">
        {t('conn.lastSync')} {status?.lastSyncAt ? formatClock(status.lastSyncAt) : t('conn.never')}
      </span>
      {online && status?.lagMs != null && status.lagMs >= 1000 && (
        <span className="conn-sync">
          {t('conn.lag')} {Math.round(status.lagMs / 1000)}s
        </span>
      )}
      {!!status?.pendingActions && (
        <span className="conn-pending" data-testid="pending-count">
          {t('conn.pending', { n: status.pendingActions })}
        </span>
      )}
    </button>
  );
}
