/** 退单统计: returns per unit over the KPI window, arbitrary ones marked — a standing item for the meeting. */
import { TICKET_EVENTS } from '../../app/ticket-events';
import { OrgName } from '../../app/DataText';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';

const WINDOW_DAYS = 30;

export function ReturnsByUnit() {
  const { t } = useI18n();
  const data = useLiveQuery('kpi.returnsByUnit', { windowDays: WINDOW_DAYS }, TICKET_EVENTS, { atMostEveryMs: 2000 }).data;
  if (!data?.units.length) return null;
  return (
    <section className="follow-ups returns-by-unit" data-testid="returns-by-unit">
      <h3>{t('returns.title', { days: data.windowDays })}</h3>
      <table className="tickets">
        <TableHead columns={['returns.unit', 'returns.count', 'returns.arbitrary']} />
        <tbody>
          {data.units.slice(0, 15).map((u) => (
            <tr key={u.unit} data-unit={u.unit}>
              <td>
                <OrgName name={u.unit} />
              </td>
              <td>{u.returns}</td>
              <td className={u.arbitrary ? 'bad' : ''}>{u.arbitrary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
