/**
 * 督办跟踪: every decided ticket until its loop is closed (结案, resident satisfied), with the lead unit, the
 * deadline and the supervising deputy; overdue follow-ups first and marked.
 */

import { TICKET_EVENTS } from '../../app/ticket-events';
import { formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';

/** Follow-ups move with their tickets and their meetings. */
const FOLLOW_UP_EVENTS = [...TICKET_EVENTS, 'meetings.changed'] as const;

export function FollowUpBoard() {
  const { t, label, place } = useI18n();
  const items = useLiveQuery('meetings.followUps', {}, FOLLOW_UP_EVENTS, { atMostEveryMs: 1000 }).data?.items;
  if (!items?.length) return null;
  return (
    <section className="follow-ups" data-testid="follow-ups">
      <h3>
        {t('followUp.title')} <span className="muted small">{t('followUp.summary', { open: items.filter((f) => !f.closedLoop).length, closed: items.filter((f) => f.closedLoop).length })}</span>
      </h3>
      <table className="tickets">
        <TableHead columns={['col.ticketNo', 'col.summary', 'col.subDistrict', 'meeting.lead', 'meeting.deadline', 'followUp.supervisor', 'col.status']} />
        <tbody>
          {items.map((f) => (
            <tr key={f.ticketNo} className={f.overdue ? 'overdue' : f.closedLoop ? 'closed-loop' : ''} data-ticket-no={f.ticketNo} data-state={f.overdue ? 'overdue' : f.closedLoop ? 'closed' : 'open'}>
              <td className="c-no">{f.ticketNo}</td>
              <td>{f.summary}</td>
              <td>{place(f.subDistrictCode)}</td>
              <td>{[f.leadDepartment, ...f.coDepartments].join('、')}</td>
              <td className="c-time">
                {formatDay(f.deadlineAt)}
                {f.overdue && <span className="overdue-tag">{t('wall.overdue')}</span>}
              </td>
              <td>{f.supervisor || '—'}</td>
              <td>{f.closedLoop ? <span className="status status-closed">{t('followUp.closedLoop')}</span> : <span className={`status status-${f.status}`}>{label('status', f.status)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
