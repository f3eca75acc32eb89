/** A ticket's card: its facts, its timeline, its actions — and its own pending or refused actions. */
import { DataText, OrgName, OrgNames } from '../../app/DataText';
import { organisationEn } from '../../../shared/i18n/organisations';
import { isDueSoon, isOverdue } from '../../../shared/domain/ticket';
import { formatWhen } from '../../app/format';
import { returnsOf } from '../../../shared/domain/returns';
import { concernsTicket, TICKET_EVENTS } from '../../app/ticket-events';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { useNow } from '../../app/use-link-state';
import { OutboxList } from '../sync/OutboxList';
import { TicketActions } from './TicketActions';
import { AddToAgenda } from '../meeting/AddToAgenda';

export function TicketCard({ ticketNo, onClose }: { ticketNo: string; onClose: () => void }) {
  const { t, label, span, place, locale } = useI18n();
  const now = useNow(30_000);
  const detail = useLiveQuery('tickets.get', { ticketNo }, TICKET_EVENTS, { when: concernsTicket(ticketNo) });
  const mine = useLiveQuery('actions.list', { ticketNo, states: ['pending', 'rejected'], limit: 20 }, ['actions.changed']);
  const x = detail.data?.ticket;
  const arbitrary = new Set(returnsOf(detail.data?.timeline ?? []).filter((r) => r.arbitrary).map((r) => r.at));
  const suggestion = useLiveQuery('routing.suggest', { ticketNo }, ['routing.changed'], { quiet: true }).data;
  return (
    <aside className="drawer" role="dialog" aria-label={t('card.title')} data-testid="ticket-card" data-ticket-no={ticketNo}>
      <header className="drawer-head">
        <h2>
          {t('card.title')} <span className="card-no">{ticketNo}</span>
        </h2>
        <button className="drawer-close" onClick={onClose}>
          {t('sync.close')}
        </button>
      </header>
      {x && (
        <>
          <p className="card-summary">
            <DataText>{x.summary}</DataText>
          </p>
          <div className="card-tags">
            <span className={`status status-${x.status}`}>{label('status', x.status)}</span>
            <span className={`whistle whistle-${x.whistleLevel}`}>{label('whistle', x.whistleLevel)}</span>
            <span className="src">{label('source', x.source)}</span>
            <span>{label('category', x.category)}</span>
            {x.cross.region && <span className="cross-tag">{t('cross.region')}</span>}
            {x.cross.level && <span className="cross-tag">{t('cross.level')}</span>}
            {x.cross.department && <span className="cross-tag">{t('cross.department')}</span>}
            {isOverdue(x, now) && <span className="overdue-tag" data-testid="card-overdue">{t('wall.overdueBy', { d: span(now - x.deadlineAt) })}</span>}
            {isDueSoon(x, now) && <span className="due-tag" data-testid="card-due-soon">{t('wall.dueIn', { d: span(x.deadlineAt - now) })}</span>}
          </div>
          <dl className="facts">
            <dt>{t('card.address')}</dt>
            <dd>
              <DataText>{x.address}</DataText>
            </dd>
            <dt>{t('card.placement')}</dt>
            <dd data-testid="card-placement" data-placement={x.placement}>
              {label('placement', x.placement)}
            </dd>
            <dt>{t('col.subDistrict')}</dt>
            <dd>
              {place(x.subDistrictCode, true)}
              {x.grid ? <> · <DataText>{x.grid}</DataText></> : ''}
            </dd>
            <dt>{t('card.caller')}</dt>
            <dd>
              <DataText>{x.callerMasked}</DataText>
            </dd>
            <dt>{t('card.unit')}</dt>
            <dd>{x.handlingUnit ? <OrgName name={x.handlingUnit} /> : '—'}</dd>
            {x.leadDepartment && (
              <>
                <dt>{t('card.lead')}</dt>
                <dd>
                  <OrgName name={x.leadDepartment} />
                </dd>
              </>
            )}
            {!x.leadDepartment && suggestion && (
              <>
                <dt>{t('card.lead')}</dt>
                <dd className="routing-hint" data-testid="card-routing-hint">
                  {t('routing.suggestCard', { lead: locale === 'en' ? (organisationEn(suggestion.leadDepartment) ?? suggestion.leadDepartment) : suggestion.leadDepartment })}
                </dd>
              </>
            )}
            {x.coDepartments.length > 0 && (
              <>
                <dt>{t('card.co')}</dt>
                <dd>
                  <OrgNames names={x.coDepartments} />
                </dd>
              </>
            )}
            <dt>{t('card.deadline')}</dt>
            <dd>{formatWhen(x.deadlineAt, now)}</dd>
          </dl>
          <h3>{t('card.timeline')}</h3>
          <ol className="timeline" data-testid="timeline">
            {detail.data!.timeline.map((e, i) => (
              <li key={i}>
                <span className="tl-when">{formatWhen(e.at, now)}</span>
                <span className="tl-kind">{label('event', e.kind)}</span>
                <span className="tl-actor">
                  <OrgName name={e.actor} />
                </span>
                {e.note && <DataText className="tl-note">{e.note}</DataText>}
                {arbitrary.has(e.at) && e.kind === 'returned' && (
                  <span className="overdue-tag" data-testid="arbitrary-return">
                    {t('returns.arbitrary')}
                  </span>
                )}
              </li>
            ))}
          </ol>
          {!!mine.data?.items.length && <OutboxList items={mine.data.items} showTicket={false} />}
          <h3>{t('card.actions')}</h3>
          <TicketActions ticket={x} />
          <AddToAgenda ticket={x} />
        </>
      )}
    </aside>
  );
}
