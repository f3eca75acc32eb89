/** A warning's matter: its tickets, newest first, each opening its card. */
import { formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { DataText } from '../../app/DataText';

export function MatterTickets({ warningId, onOpenTicket }: { warningId: string; onOpenTicket: (ticketNo: string) => void }) {
  const { t, label } = useI18n();
  const items = useLiveQuery('warnings.tickets', { id: warningId, limit: 50 }, ['warnings.changed']).data?.items;
  if (!items) return <p className="muted">{t('wall.loading')}</p>;
  const now = Date.now();
  return (
    <ol className="matter-tickets" data-testid="matter-tickets">
      {items.map((x) => (
        <li key={x.ticketNo} data-ticket={x.ticketNo} onClick={() => onOpenTicket(x.ticketNo)}>
          <span className="tl-when">{formatWhen(x.receivedAt, now)}</span>
          <span className={`status status-${x.status}`}>{label('status', x.status)}</span>
          <DataText className="matter-summary">{x.summary}</DataText>
          <DataText className="muted">{x.address}</DataText>
        </li>
      ))}
    </ol>
  );
}
