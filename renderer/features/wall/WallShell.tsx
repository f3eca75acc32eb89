/** The wall: header, live ticket stream, counts; banners whenever the screen is not live or not current. */
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
import { CountsPanel } from './CountsPanel';
import { WallHeader } from './WallHeader';

export function WallShell() {
  const { t } = useI18n();
  const link = useLinkState('open');
  const status = useSyncStatus();
  const [selected, setSelected] = useState<string | null>(null);
  const [syncOpen, setSyncOpen] = useState(false);
  return (
    <div className="wall">
      <WallHeader link={link} status={status} onOpenSync={() => (setSelected(null), setSyncOpen(true))} />
      <SyncProgress status={status} />
      {link !== 'open' ? (
        <div className="banner-stale" role="status" data-testid="link-banner">
          {t('conn.lostLink')}
        </div>
      ) : (
        <StaleBanner status={status} />
      )}
      <main className={`wall-body ${selected || syncOpen ? 'with-drawer' : ''}`}>
        <TicketStream onSelect={(no) => (setSyncOpen(false), setSelected(no))} />
        {selected ? (
          <TicketCard ticketNo={selected} onClose={() => setSelected(null)} />
        ) : syncOpen ? (
          <SyncPanel status={status} onClose={() => setSyncOpen(false)} />
        ) : (
          <CountsPanel />
        )}
      </main>
      <Toasts />
    </div>
  );
}
