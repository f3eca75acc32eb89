/**
 * 现场连线 for the current item: to the station's console, or to a grid worker's phone (a one-time link shown as
 * a QR code in the tile). Disabled while the site is linked already or three links are live.
 */
import type { Meeting } from '../../../shared/contract';
import { isOpen, MAX_LIVE_LINKS } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function OpenLink({ meeting, station, ticketNo }: { meeting: Meeting; station: string; ticketNo: string }) {
  const { t } = useI18n();
  const client = useClient();
  const open = meeting.links.filter(isOpen);
  const linked = open.some((l) => l.stationCode === station && l.ticketNo === ticketNo);
  const full = open.length >= MAX_LIVE_LINKS;
  const openLink = (via: 'console' | 'phone') => client.call('meetings.act', { op: 'linkOpen', meetingId: meeting.id, linkId: crypto.randomUUID(), stationCode: station, ticketNo, via }).catch(reportError);
  return (
    <div className="call-row">
      <button disabled={linked || full} onClick={() => void openLink('console')} data-testid="link-open-console">
        {t('link.openConsole')}
      </button>
      <button disabled={linked || full} onClick={() => void openLink('phone')} data-testid="link-open-phone">
        {t('link.openPhone')}
      </button>
      {full && !linked && <span className="muted small">{t('err.tooManyLinks', { max: MAX_LIVE_LINKS })}</span>}
    </div>
  );
}
