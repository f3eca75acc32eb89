/**
 * Every early warning: active first (acknowledged or not, with delivery of the acknowledgement), then cleared
 * ones. A warning opens to its matter's tickets; with none, the view says the rule that would raise one.
 */
import { Fragment, useState } from 'react';
import { formatWhen } from '../../app/format';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';
import { MatterTickets } from './MatterTickets';

export function WarningsView({ onOpenTicket, focus }: { onOpenTicket: (ticketNo: string) => void; focus?: string | null }) {
  const { t, label, placeOf } = useI18n();
  const client = useClient();
  const [opened, setOpened] = useState<string | null>(focus ?? null);
  const list = useLiveQuery('warnings.list', { includeCleared: true, limit: 200 }, ['warnings.changed']).data;
  const outbox = useLiveQuery('actions.list', { limit: 200 }, ['actions.changed']).data;
  const rule = useLiveQuery('settings.wall', {}, ['settings.wallChanged']).data?.warningRule;
  const stateOf = (id: string | null) => (id ? outbox?.items.find((i) => i.id === id)?.state : undefined);
  if (!list) return <section className="warnings-view">{t('wall.loading')}</section>;
  return (
    <section className="warnings-view" data-testid="warnings-view">
      <h2>{t('warn.listTitle')}</h2>
      {rule && <p className="warn-rule" data-testid="warning-rule">{t(list.items.length ? 'warn.rule' : 'warn.noneRule', { days: rule.windowDays, threshold: rule.threshold })}</p>}
      <table className="ranking warnings-table">
        <TableHead columns={['warn.place', 'col.category', 'warn.countCol', 'warn.raised', 'warn.state', '']} />
        <tbody>
          {list.items.map((w) => {
            const delivery = stateOf(w.ackActionId);
            return (
              <Fragment key={w.id}>
                <tr data-testid="warning-row" data-warning-id={w.id} className={w.clearedAt ? 'muted' : ''}>
                  <td>{placeOf(w.placeCode)}</td>
                  <td>{label('category', w.category)}</td>
                  <td>{w.count}</td>
                  <td>{formatWhen(w.raisedAt, Date.now())}</td>
                  <td data-testid="warning-state">
                    {w.clearedAt ? t('warn.cleared') : w.acknowledgedAt ? `${t('warn.acked')}${delivery === 'pending' ? t('warn.ackPending') : delivery === 'rejected' ? t('warn.ackRejected') : ''}` : t('warn.active')}
                  </td>
                  <td>
                    <button type="button" aria-expanded={opened === w.id} onClick={() => setOpened(opened === w.id ? null : w.id)} data-testid="warning-open">
                      {t('warn.matterTickets', { n: w.count })}
                    </button>{' '}
                    {!w.clearedAt && !w.acknowledgedAt && (
                      <button type="button" className="primary" onClick={() => client.call('warnings.acknowledge', { id: w.id, note: '' }).catch(reportError)}>
                        {t('warn.ack')}
                      </button>
                    )}
                  </td>
                </tr>
                {opened === w.id && (
                  <tr className="matter-row">
                    <td colSpan={6}>
                      <MatterTickets warningId={w.id} onOpenTicket={onOpenTicket} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
