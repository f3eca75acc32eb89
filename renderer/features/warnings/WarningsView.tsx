/** Every early warning: active first (acknowledged or not, with delivery of the acknowledgement), then cleared ones. */
import { formatWhen } from '../../app/format';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';

export function WarningsView({ onOpenTicket }: { onOpenTicket: (ticketNo: string) => void }) {
  const { t, label } = useI18n();
  const client = useClient();
  const list = useLiveQuery('warnings.list', { includeCleared: true, limit: 200 }, ['warnings.changed']).data;
  const outbox = useLiveQuery('actions.list', { limit: 200 }, ['actions.changed']).data;
  const stateOf = (id: string | null) => (id ? outbox?.items.find((i) => i.id === id)?.state : undefined);
  if (!list) return <section className="warnings-view">{t('wall.loading')}</section>;
  return (
    <section className="warnings-view" data-testid="warnings-view">
      <h2>{t('warn.listTitle')}</h2>
      {!list.items.length && <p className="muted">{t('warn.none')}</p>}
      <table className="ranking warnings-table">
        <TableHead columns={['warn.place', 'col.category', 'warn.countCol', 'warn.raised', 'warn.state', '']} />
        <tbody>
          {list.items.map((w) => {
            const delivery = stateOf(w.ackActionId);
            return (
              <tr key={w.id} data-testid="warning-row" className={w.clearedAt ? 'muted' : ''}>
                <td>{w.placeName}</td>
                <td>{label('category', w.category)}</td>
                <td>{w.count}</td>
                <td>{formatWhen(w.raisedAt, Date.now())}</td>
                <td data-testid="warning-state">
                  {w.clearedAt ? t('warn.cleared') : w.acknowledgedAt ? `${t('warn.acked')}${delivery === 'pending' ? ` · ${t('warn.ackPending')}` : delivery === 'rejected' ? ` · ${t('warn.ackRejected')}` : ''}` : t('warn.active')}
                </td>
                <td>
                  <button type="button" onClick={() => onOpenTicket(w.latestTicketNo)}>
                    {t('warn.latest')}
                  </button>{' '}
                  {!w.clearedAt && !w.acknowledgedAt && (
                    <button type="button" className="primary" onClick={() => client.call('warnings.acknowledge', { id: w.id, note: '' }).catch(reportError)}>
                      {t('warn.ack')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
