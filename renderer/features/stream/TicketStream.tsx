/**
 * The live ticket list from the store, newest first. Rows that arrive by a push are marked fresh
 * (a highlight that fades by CSS animation). No placeholder rows: what is shown is what is stored.
 */
import { useState } from 'react';
import { subDistrictShortName } from '../../../shared/domain/divisions';
import { isOverdue, type Ticket } from '../../../shared/domain/ticket';
import { formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useEvent, useLiveQuery } from '../../app/use-live-query';
import { NO_FILTER, StreamFilters, toQuery, type StreamFilter } from './StreamFilters';
import { useNow } from '../../app/use-link-state';

const PAGE = 60;

export function TicketStream({ onSelect }: { onSelect: (ticketNo: string) => void }) {
  const { t, label } = useI18n();
  const now = useNow(30_000);
  const [filter, setFilter] = useState<StreamFilter>(NO_FILTER);
  const page = useLiveQuery('tickets.list', { ...toQuery(filter), limit: PAGE }, ['tickets.changed']);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEvent('tickets.changed', ({ tickets }) => setFresh(new Set(tickets.map((x) => x.ticketNo))));

  const items = page.data?.items ?? [];
  return (
    <section className="stream">
      <div className="stream-head">
        <h2>{t('wall.stream')}</h2>
        {page.data && <span className="stream-count" data-testid="stream-total">{t('wall.totalCount', { total: page.data.total })}</span>}
      </div>
      <StreamFilters value={filter} onChange={setFilter} />
      <table className="tickets" data-testid="ticket-list">
        <thead>
          <tr>
            <th className="c-time">{t('col.receivedAt')}</th>
            <th className="c-src">{t('col.source')}</th>
            <th className="c-no">{t('col.ticketNo')}</th>
            <th className="c-cat">{t('col.category')}</th>
            <th className="c-sum">{t('col.summary')}</th>
            <th className="c-sub">{t('col.subDistrict')}</th>
            <th className="c-whistle">{t('col.whistle')}</th>
            <th className="c-status">{t('col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <TicketRow key={x.ticketNo} ticket={x} fresh={fresh.has(x.ticketNo)} now={now} label={label} t={t} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
      {page.loading && <div className="stream-empty">{t('wall.loading')}</div>}
      {!page.loading && !items.length && <div className="stream-empty">{t('wall.empty')}</div>}
    </section>
  );
}

function TicketRow({ ticket: x, fresh, now, label, t, onSelect }: { ticket: Ticket; fresh: boolean; now: number; label: (p: string, c: string) => string; t: ReturnType<typeof useI18n>['t']; onSelect: (no: string) => void }) {
  const overdue = isOverdue(x, now);
  const cross = x.cross.region || x.cross.level || x.cross.department;
  return (
    <tr className={`${fresh ? 'fresh' : ''} ${overdue ? 'overdue' : ''}`} data-ticket={x.ticketNo} onClick={() => onSelect(x.ticketNo)}>
      <td className="c-time">{formatWhen(x.receivedAt, now)}</td>
      <td className="c-src">
        <span className={`src src-${x.source}`}>{label('source', x.source)}</span>
      </td>
      <td className="c-no">{x.ticketNo}</td>
      <td className="c-cat">{label('category', x.category)}</td>
      <td className="c-sum">
        {cross && <span className="cross-tag">{t('cross.any')}</span>}
        {x.summary}
        <div className="addr">{x.address}</div>
      </td>
      <td className="c-sub">{subDistrictShortName(x.subDistrictCode)}</td>
      <td className="c-whistle">
        <span className={`whistle whistle-${x.whistleLevel}`} data-whistle={x.whistleLevel}>{label('whistle', x.whistleLevel)}</span>
      </td>
      <td className="c-status">
        <span className={`status status-${x.status}`}>{label('status', x.status)}</span>
        {overdue && <span className="overdue-tag">{t('wall.overdue')}</span>}
      </td>
    </tr>
  );
}
