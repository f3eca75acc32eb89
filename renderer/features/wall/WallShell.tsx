/**
 * The wall: header with its views (overview: live stream and map; KPIs; settings), a drawer for a ticket's
 * card or the sync panel, and banners whenever the screen is not live or not current. A playlist may rotate
 * the views.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useLinkState } from '../../app/use-link-state';
import { useSyncStatus } from '../../app/use-sync-status';
import { Toasts } from '../../app/Toasts';
import { TicketStream } from '../stream/TicketStream';
import { StaleBanner } from '../sync/StaleBanner';
import { SyncPanel } from '../sync/SyncPanel';
import { SyncProgress } from '../sync/SyncProgress';
import { TicketCard } from '../ticket/TicketCard';
import { KpiWall } from '../kpi/KpiWall';
import { CountsPanel } from './CountsPanel';
import { DistrictMap } from '../map/DistrictMap';
import { SettingsView } from '../settings/SettingsView';
import { useActiveWarnings } from '../warnings/use-warnings';
import { WarningCards } from '../warnings/WarningCards';
import { WarningsView } from '../warnings/WarningsView';
import { useLiveQuery } from '../../app/use-live-query';
import { WallHeader } from './WallHeader';
import { useSoftReload, useWallView } from './use-wall-view';
import { MeetingView } from '../meeting/MeetingView';
import { AuditView } from '../audit/AuditView';
import { useMeetings } from '../meeting/use-meetings';

export function WallShell() {
  const { t } = useI18n();
  const link = useLinkState('open');
  const status = useSyncStatus();
  const [selected, setSelected] = useState<string | null>(null);
  const [syncOpen, setSyncOpen] = useState(false);
  const wall = useLiveQuery('settings.wall', {}, ['settings.wallChanged']).data;
  const [view, setView] = useWallView(wall, selected !== null || syncOpen);
  useSoftReload(wall?.softReloadHours);
  const select = (no: string) => (setSyncOpen(false), setSelected(no));
  const warnings = useActiveWarnings();
  const app = useLiveQuery('app.info', {}, []).data;
  const meeting = useMeetings().current;
  // A station being called or rolled-called goes to the meeting at once, whatever it was showing.
  const wanted = app?.role === 'station' && meeting?.calls.some((c) => c.stationCode === app.stationCode && c.answeredAt === null);
  const rollCalled = app?.role === 'station' && meeting?.rollCallAt != null && meeting.attendance.some((a) => a.stationCode === app.stationCode && a.answeredRollCallAt === null);
  useEffect(() => {
    if (wanted || rollCalled) setView('meeting');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, rollCalled]);
  return (
    <div className="wall">
      <WallHeader link={link} status={status} onOpenSync={() => (setSelected(null), setSyncOpen(true))} view={view} onView={setView} activeWarnings={warnings.length} meetingLive={meeting !== undefined} stationCode={app?.role === 'station' ? app.stationCode : null} />
      <SyncProgress status={status} />
      {link !== 'open' ? (
        <div className="banner-stale" role="status" data-testid="link-banner">
          {t('conn.lostLink')}
        </div>
      ) : (
        <StaleBanner status={status} />
      )}
      <main className={`wall-body view-${view} ${selected || syncOpen ? 'with-drawer' : ''}`}>
        {view === 'overview' && (
          <>
            <TicketStream onSelect={select} />
            <div className="overview-side">
              <CountsPanel compact />
              <DistrictMap onSelect={select} />
            </div>
          </>
        )}
        {view === 'kpi' && <KpiWall />}
        {view === 'warnings' && <WarningsView onOpenTicket={select} />}
        {view === 'meeting' && <MeetingView />}
        {view === 'audit' && <AuditView />}
        {view === 'settings' && <SettingsView wall={wall} />}
        {selected ? <TicketCard ticketNo={selected} onClose={() => setSelected(null)} /> : syncOpen ? <SyncPanel status={status} onClose={() => setSyncOpen(false)} /> : null}
      </main>
      {/* Over the wall's own views only: never over a desk view's controls (meeting, settings, audit) or an open drawer. */}
      {(view === 'overview' || view === 'kpi') && !selected && !syncOpen && <WarningCards active={warnings} onOpenTicket={select} />}
      <Toasts />
    </div>
  );
}
