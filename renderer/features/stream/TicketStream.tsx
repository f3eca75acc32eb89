/**
 * The live ticket list from the store, newest first. Rows that arrive by a push are marked fresh
 * (a highlight that fades by CSS animation). No placeholder rows: what is shown is what is stored.
 */
import { forwardRef, memo, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { subDistrictShortName } from '../../../shared/domain/divisions';
import { isOverdue, type Ticket } from '../../../shared/domain/ticket';
import { formatWhen, readRootFontSize } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { NO_FILTER, StreamFilters, toQuery, type StreamFilter } from './StreamFilters';
import { useTicketStream } from './use-ticket-stream';
import { useNow } from '../../app/use-link-state';

/** Row height in rem (two lines: summary and address); the virtualiser measures real rows anyway. */
const ROW_REM = 2.3;

export function TicketStream({ onSelect }: { onSelect: (ticketNo: string) => void }) {
  const { t, label } = useI18n();
  const now = useNow(30_000);
  const [filter, setFilter] = useState<StreamFilter>(NO_FILTER);
  const stream = useTicketStream(toQuery(filter));
  const scroller = useRef<HTMLDivElement>(null);
  const rem = useRootFontSize();
  const virtual = useVirtualizer({ count: stream.items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_REM * rem, overscan: 8 });
  const rows = virtual.getVirtualItems();
  const last = rows.at(-1);
  useEffect(() => {
    if (last && last.index >= stream.items.length - 10 && stream.hasMore) stream.loadMore();
  }, [last?.index, stream.items.length, stream.hasMore, stream.loadMore]);
  const padTop = rows[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (last?.end ?? 0);

  return (
    <section className="stream">
      <div className="stream-head">
        <h2>{t('wall.stream')}</h2>
        {stream.total !== undefined && (
          <span className="stream-count" data-testid="stream-total">
            {t('wall.totalCount', { total: stream.total })}
          </span>
        )}
      </div>
      <StreamFilters value={filter} onChange={setFilter} />
      <div className="stream-scroll" ref={scroller} data-testid="stream-scroll">
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
            {padTop > 0 && <tr className="spacer" style={{ height: padTop }} aria-hidden />}
            {rows.map((r) => {
              const x = stream.items[r.index]!;
              return <TicketRow key={x.ticketNo} ref={virtual.measureElement} index={r.index} ticket={x} fresh={stream.fresh.has(x.ticketNo)} now={now} label={label} t={t} onSelect={onSelect} />;
            })}
            {padBottom > 0 && <tr className="spacer" style={{ height: padBottom }} aria-hidden />}
          </tbody>
        </table>
        {stream.loading && !stream.items.length && <div className="stream-empty">{t('wall.loading')}</div>}
        {!stream.loading && !stream.items.length && <div className="stream-empty">{t('wall.empty')}</div>}
      </div>
    </section>
  );
}

/** The root font size in px (the wall scales it with the screen); read on mount and on resize only, as reading
 * a computed style forces the browser to recompute styles first. */
function useRootFontSize(): number {
  const [rem, setRem] = useState(readRootFontSize);
  useEffect(() => {
    const onResize = () => setRem(readRootFontSize());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return rem;
}

type RowProps = { index: number; ticket: Ticket; fresh: boolean; now: number; label: (p: string, c: string) => string; t: ReturnType<typeof useI18n>['t']; onSelect: (no: string) => void };

/** Rows are memoised: a push re-renders only the rows it changed or moved into view. */
const TicketRow = memo(forwardRef<HTMLTableRowElement, RowProps>(function TicketRow({ index, ticket: x, fresh, now, label, t, onSelect }, ref) {
  const overdue = isOverdue(x, now);
  const cross = x.cross.region || x.cross.level || x.cross.department;
  return (
    <tr ref={ref} data-index={index} className={`${fresh ? 'fresh' : ''} ${overdue ? 'overdue' : ''}`} data-ticket={x.ticketNo} onClick={() => onSelect(x.ticketNo)}>
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
}));
