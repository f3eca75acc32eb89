/** Title, Beijing clock, the connection/sync indicator and the language switch. */
import type { LinkState } from '../../../shared/rpc/client';
import { formatClock, formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useNow } from '../../app/use-link-state';
import { useLiveQuery } from '../../app/use-live-query';

export function WallHeader({ link }: { link: LinkState }) {
  const { t, locale, setLocale } = useI18n();
  const now = useNow();
  const sync = useLiveQuery('sync.status', {}, ['sync.statusChanged']).data;
  const online = link === 'open' && sync?.connection === 'online';
  const connKey = link !== 'open' ? 'conn.offline' : sync?.connection === 'online' ? 'conn.online' : sync?.connection === 'offline' ? 'conn.offline' : 'conn.connecting';
  return (
    <header className="wall-header">
      <h1>{t('app.title')}</h1>
      <div className="wall-header-right">
        <div className={`conn ${online ? 'conn-online' : 'conn-offline'}`} data-testid="connection">
          <span className="conn-dot" aria-hidden />
          <span>{t(connKey)}</span>
          {sync && <span className="conn-source">{t(sync.source === 'demo' ? 'conn.source.demo' : 'conn.source.hub')}</span>}
          <span className="conn-sync">
            {t('conn.lastSync')} {sync?.lastSyncAt ? formatClock(sync.lastSyncAt) : t('conn.never')}
          </span>
        </div>
        <div className="clock">
          <div className="clock-time">{formatClock(now)}</div>
          <div className="clock-date">{formatDate(now)}</div>
        </div>
        <button className="lang" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('wall.language')}
        </button>
      </div>
    </header>
  );
}
