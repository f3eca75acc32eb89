/** The sync panel: where the data comes from, how fresh it is, what waits to be sent, what was set aside. */
import type { SyncStatus } from '../../../shared/contract';
import { formatClock, formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { OutboxList } from './OutboxList';
import { Verbatim } from '../../app/DataText';

export function SyncPanel({ status, onClose }: { status: SyncStatus | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const outbox = useLiveQuery('actions.list', { states: ['pending', 'rejected'], limit: 100 }, ['actions.changed']);
  // Refetched when the quarantined count moves, not on every status update.
  const quarantine = useLiveQuery('sync.quarantine', { limit: 50 }, [], { key: status?.quarantined });
  return (
    <aside className="drawer" role="dialog" aria-label={t('sync.title')} data-testid="sync-panel">
      <header className="drawer-head">
        <h2>{t('sync.title')}</h2>
        <button className="drawer-close" onClick={onClose}>
          {t('sync.close')}
        </button>
      </header>
      {status && (
        <dl className="facts">
          <dt>{t('sync.hub')}</dt>
          <dd>{status.hubUrl ? <Verbatim>{status.hubUrl}</Verbatim> : t('sync.embedded')}</dd>
          <dt>{t('conn.lastSync')}</dt>
          <dd>{status.lastSyncAt ? formatClock(status.lastSyncAt) : t('conn.never')}</dd>
          {status.offlineSince !== null && status.connection !== 'online' && (
            <>
              <dt>{t('sync.offlineSince')}</dt>
              <dd data-testid="sync-offline-since">{formatWhen(status.offlineSince, Date.now())}</dd>
            </>
          )}
          <dt>{t('conn.lag')}</dt>
          <dd data-testid="sync-lag">{status.lagMs === null || status.connection !== 'online' ? '—' : t('conn.lagSeconds', { s: (status.lagMs / 1000).toFixed(1) })}</dd>
          <dt>{t('sync.lastSeq')}</dt>
          <dd>{status.lastSeq}</dd>
          {status.lastError && (
            <>
              <dt>{t('sync.lastError')}</dt>
              {/* The service's own words (for the administrator) on hover; the user's words here. */}
              <dd className="error-text" title={status.lastError} data-testid="sync-last-error">
                {t(status.linkProblem ? `conn.problem.${status.linkProblem}` : status.connection === 'online' ? 'sync.lastError.sync' : 'sync.lastError.link')}
              </dd>
            </>
          )}
        </dl>
      )}
      <h3>{t('sync.outbox')}</h3>
      {outbox.data?.items.length ? <OutboxList items={outbox.data.items} showTicket /> : <p className="muted">{t('sync.outboxEmpty')}</p>}
      <h3>
        {t('sync.quarantine')} {quarantine.data ? `(${quarantine.data.total})` : ''}
      </h3>
      {quarantine.data?.items.length ? (
        <ul className="quarantine-list" data-testid="quarantine-list">
          {quarantine.data.items.map((q) => (
            <li key={q.id}>
              <div className="q-reason" title={q.reason}>
                {formatClock(q.at)} · {t(q.source === 'push' ? 'sync.q.push' : 'sync.q.pull')} · {t(q.reason.startsWith('bad sequence') ? 'sync.q.sequence' : 'sync.q.invalid')}
              </div>
              <code className="q-raw" translate="no">
                {q.raw.slice(0, 300)}
              </code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('sync.quarantineEmpty')}</p>
      )}
    </aside>
  );
}
