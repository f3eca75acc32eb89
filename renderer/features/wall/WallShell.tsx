/**
 * The wall: header with its views (overview: live stream and map; KPIs; settings), a drawer for a ticket's
 * card or the sync panel, and banners whenever the screen is not live or not current. A playlist may rotate
 * the views.
 */
import { useCallback, useEffect, useState } from 'react';
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
import { CountsPanel, useTicketCounts } from './CountsPanel';
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
import { ReportsView } from '../reports/ReportsView';
import { SupervisionView } from '../supervision/SupervisionView';
import { useMeetings } from '../meeting/use-meetings';
import { WallLink } from '../live-link/WallLink';

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
  const unacknowledged = warnings.filter((w) => w.acknowledgedAt === null).length;
  const [matter, setMatter] = useState<string | null>(null);
  const openMatter = (id: string) => (setMatter(id), setView('warnings'));
  const [unit, setUnit] = useState<string>();
  const openUnit = (name: string) => (setUnit(name), setView('supervision'));
  const [streamFiltered, setStreamFiltered] = useState(false);
  const onFiltered = useCallback((f: boolean) => setStreamFiltered(f), []);
  const app = useLiveQuery('app.info', {}, []).data;
  const meeting = useMeetings().current;
  // A station being called or rolled-called goes to the meeting at once, whatever it was showing.
  const wanted = app?.role === 'station' && meeting?.calls.some((c) => c.stationCode === app.stationCode && c.answeredAt === null);
  const rollCalled = app?.role === 'station' && meeting?.rollCallAt != null && meeting.attendance.some((a) => a.stationCode === app.stationCode && a.answeredRollCallAt === null);
  // A console link to this station's site that has not gone live yet: the station's desk is asked to 开始连线.
  const linkAsked = app?.role === 'station' && app.access === 'desk' && meeting?.links.some((l) => l.via === 'console' && l.stationCode === app.stationCode && l.endedAt === null && l.connectedAt === null);
  useEffect(() => {
    if (wanted || rollCalled || linkAsked) setView('meeting');
  }, [wanted, rollCalled, linkAsked, setView]);
  return (
    <div className="wall">
      <WallHeader link={link} status={status} onOpenSync={() => (setSelected(null), setSyncOpen(true))} view={view} onView={(v) => (setUnit(undefined), setView(v))} activeWarnings={unacknowledged} meetingLive={meeting !== undefined} stationCode={app?.role === 'station' ? app.stationCode : null} desk={app?.access === 'desk'} />
      <SyncProgress status={status} />
      {link !== 'open' ? (
        <div className="banner-stale" role="status" data-testid="link-banner">
          {t('conn.lostLink')}
        </div>
      ) : (
        <StaleBanner status={status} />
      )}
      {view !== 'warnings' && view !== 'settings' && view !== 'audit' && view !== 'reports' && view !== 'supervision' && <WarningCards active={warnings} onOpenMatter={openMatter} />}
      <main className={`wall-body view-${view} ${selected || syncOpen ? 'with-drawer' : ''}`}>
        {view === 'overview' && (
          <>
            <TicketStream onSelect={select} onFiltered={onFiltered} />
            <OverviewSide onSelect={select} selected={selected} streamFiltered={streamFiltered} />
          </>
        )}
        {view === 'kpi' && <KpiWall />}
        {view === 'warnings' && <WarningsView onOpenTicket={select} focus={matter} key={matter ?? ''} />}
        {view === 'meeting' && <MeetingView />}
        {view === 'reports' && <ReportsView onOpenUnit={app?.role === 'station' ? undefined : openUnit} />}
        {view === 'supervision' && <SupervisionView stationCode={app?.role === 'station' ? app.stationCode : null} focusUnit={unit} key={unit ?? ''} />}
        {view === 'audit' && <AuditView />}
        {view === 'settings' && <SettingsView wall={wall} />}
        {selected ? <TicketCard ticketNo={selected} onClose={() => setSelected(null)} /> : syncOpen ? <SyncPanel status={status} onClose={() => setSyncOpen(false)} /> : null}
      </main>
      {meeting && view !== 'meeting' && app && app.role !== 'station' && <WallLink meeting={meeting} />}
      <Toasts />
    </div>
  );
}

/** Beside the stream: the counts' tiles over the map, both from one read of the counts. */
function OverviewSide(props: { onSelect: (ticketNo: string) => void; selected: string | null; streamFiltered: boolean }) {
  const counts = useTicketCounts();
  return (
    <div className="overview-side">
      <CountsPanel counts={counts} compact />
      <DistrictMap {...props} counts={counts} />
    </div>
  );
}
