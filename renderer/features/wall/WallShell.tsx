/** The wall: header, live ticket stream, counts; a banner whenever the screen is not live. */
import { TicketStream } from '../stream/TicketStream';
import { useI18n } from '../../app/i18n';
import { useLinkState } from '../../app/use-link-state';
import { Toasts } from '../../app/Toasts';
import { CountsPanel } from './CountsPanel';
import { WallHeader } from './WallHeader';

export function WallShell() {
  const { t } = useI18n();
  const link = useLinkState('open');
  return (
    <div className="wall">
      <WallHeader link={link} />
      {link !== 'open' && (
        <div className="banner-stale" role="status" data-testid="link-banner">
          {t('conn.lostLink')}
        </div>
      )}
      <main className="wall-body">
        <TicketStream />
        <CountsPanel />
      </main>
      <Toasts />
    </div>
  );
}
