/** Title, Beijing clock, the connection/sync indicator and the language switch. */
import type { SyncStatus } from '../../../shared/contract';
import type { LinkState } from '../../../shared/rpc/client';
import { formatClock, formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useNow } from '../../app/use-link-state';
import { SyncIndicator } from '../sync/SyncIndicator';

import type { View } from './use-wall-view';

const VIEWS: View[] = ['overview', 'kpi', 'warnings', 'meeting', 'supervision', 'reports', 'audit', 'settings'];
/** Views worked at the desk, not read on the wall: their tabs in the desk's type (the header holds all on one line). */
const DESK_VIEWS = new Set<View>(['supervision', 'reports', 'audit', 'settings']);

export function WallHeader({ link, status, onOpenSync, view, onView, activeWarnings, meetingLive, stationCode, desk }: { link: LinkState; status: SyncStatus | undefined; onOpenSync: () => void; view: View; onView: (v: View) => void; activeWarnings: number; meetingLive: boolean; stationCode: string | null; desk: boolean }) {
  const { t, locale, setLocale, place } = useI18n();
  const now = useNow();
  // While the hub is out of reach, whether the meeting is still under way is not known: its dot goes grey.
  const linkUp = link === 'open' && status?.connection === 'online';
  return (
    <header className="wall-header">
      <h1>{stationCode ? t('app.stationTitle', { name: place(stationCode, true) }) : t('app.title')}</h1>
      <nav className="views" aria-label={t('nav.views')}>
        {VIEWS.filter((v) => (v !== 'audit' || !stationCode) && (v !== 'reports' || (desk && !stationCode)) && (v !== 'supervision' || desk)).map((v) => (
          <button key={v} type="button" className={`view-tab ${DESK_VIEWS.has(v) ? 'desk-tab' : ''} ${v === view ? 'active' : ''}`} aria-pressed={v === view} onClick={() => onView(v)} data-testid={`view-${v}`}>
            {t(`view.${v}`)}
            {v === 'warnings' && activeWarnings > 0 && <span className="view-badge">{activeWarnings}</span>}
            {v === 'meeting' && meetingLive && (linkUp ? <span className="view-badge live" title={t('conn.meetingLive')} data-testid="meeting-live">●</span> : <span className="view-badge live unknown" title={t('conn.meetingUnknown')} aria-label={t('conn.meetingUnknown')} data-testid="meeting-live">●</span>)}
          </button>
        ))}
      </nav>
      <div className="wall-header-right">
        <SyncIndicator link={link} status={status} onOpen={onOpenSync} />
        <div className="clock">
          <div className="clock-time">{formatClock(now)}</div>
          <div className="clock-date">{formatDate(now, locale)}</div>
        </div>
        <button className="lang" lang={locale === 'en' ? 'zh-CN' : 'en'} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} data-testid="language-switch">
          {t('wall.language')}
        </button>
      </div>
    </header>
  );
}
