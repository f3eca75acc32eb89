/**
 * One agenda ticket as a duty head reads it from the wall: the complaint, its sub-district and address, the
 * deadline (and 超期 when it has passed). Shared by the chair's and the stations' agendas. A station holds only
 * its own tickets: another sub-district's shows its number and why it is on the agenda.
 */
import { DataText } from '../../app/DataText';
import type { AgendaItem } from '../../../shared/hub-meeting';

import { isOverdue } from '../../../shared/domain/ticket';
import { formatDay } from '../../app/format';
import { concernsTicket, TICKET_EVENTS } from '../../app/ticket-events';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { useNow } from '../../app/use-link-state';

export function AgendaTicket({ item, decided }: { item: AgendaItem; decided: boolean }) {
  const { t, place } = useI18n();
  const now = useNow(30_000);
  const x = useLiveQuery('tickets.get', { ticketNo: item.ticketNo }, TICKET_EVENTS, { when: concernsTicket(item.ticketNo), quiet: true }).data?.ticket;
  const late = x !== undefined && isOverdue(x, now);
  return (
    <span className="agenda-ticket" data-testid="agenda-ticket">
      <span className="agenda-line">
        <span className="agenda-no">{item.ticketNo}</span>
        {item.reasons.map((r) => (
          <span key={r} className={`reason reason-${r}`}>
            {t(`reason.${r}`)}
          </span>
        ))}
        {decided && <span className="decided-mark">✓</span>}
      </span>
      {x && (
        <>
          <DataText className="agenda-summary">
            <span data-testid="agenda-summary">{x.summary}</span>
          </DataText>
          <span className="agenda-facts">
            <span className="agenda-sub" data-testid="agenda-sub">{place(x.subDistrictCode)}</span>
            <DataText className="agenda-address">
              <span data-testid="agenda-address">{x.address}</span>
            </DataText>
          </span>
          <span className={`agenda-deadline${late ? ' late' : ''}`} data-testid="agenda-deadline">
            {t('col.deadline')} {formatDay(x.deadlineAt)}
            {late && <span className="overdue-tag">{t('wall.overdue')}</span>}
          </span>
        </>
      )}
    </span>
  );
}
