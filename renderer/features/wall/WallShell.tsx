/**
 * The wall: header with its views (overview: live stream and map; KPIs; settings), a drawer for a ticket's
 * card or the sync panel, and banners whenever the screen is not live or not current. A playlist may rotate
 * the views.
 */
import { useState } from 'react';
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
  return (
    <div className="wall">
      <WallHeader link={link} status={status} onOpenSync={() => (setSelected(null), setSyncOpen(true))} view={view} onView={setView} activeWarnings={warnings.length} />
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
        {view === 'settings' && <SettingsView wall={wall} />}
        {selected ? <TicketCard ticketNo={selected} onClose={() => setSelected(null)} /> : syncOpen ? <SyncPanel status={status} onClose={() => setSyncOpen(false)} /> : null}
      </main>
      {view !== 'warnings' && view !== 'settings' && <WarningCards active={warnings} onOpenTicket={select} />}
      <Toasts />
    </div>
  );
}
