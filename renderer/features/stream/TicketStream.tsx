/**
 * The live ticket list from the store, newest first. Rows that arrive by a push are marked fresh
 * (a highlight that fades by CSS animation). No placeholder rows: what is shown is what is stored.
 */
import { forwardRef, memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { isDueSoon, isOverdue, type Ticket } from '../../../shared/domain/ticket';
import type { MessageKey } from '../../../shared/i18n/catalogue';
import { formatWhen } from '../../app/format';
import { useRootFontSize } from '../../app/use-root-font-size';
import { DataText } from '../../app/DataText';
import { useI18n } from '../../app/i18n';
import { NO_FILTER, StreamFilters, toQuery, type StreamFilter } from './StreamFilters';
import { useTicketStream } from './use-ticket-stream';
import { useNow } from '../../app/use-link-state';
import { SECOND_LINE_ORDER, type ColumnLayout, type StreamColumn } from './stream-columns';
import { useColumnLayout } from './use-column-layout';

/** Row height in rem (two lines: summary and address); the virtualiser measures real rows anyway. */
const ROW_REM = 3.6;

export function TicketStream({ onSelect, onFiltered }: { onSelect: (ticketNo: string) => void; onFiltered?: (active: boolean) => void }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const [filter, setFilter] = useState<StreamFilter>(NO_FILTER);
  const stream = useTicketStream(toQuery(filter));
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);
  useEffect(() => onFiltered?.(filtered), [filtered, onFiltered]);
  const scroller = useRef<HTMLDivElement>(null);
  const rem = useRootFontSize();
  const layout = useColumnLayout(scroller, rem);
  const virtual = useVirtualizer({ count: stream.items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_REM * rem, overscan: 8 });
  const rows = virtual.getVirtualItems();
  const last = rows.at(-1);
  const lastIndex = last?.index;
  const { items, hasMore, loadMore } = stream;
  useEffect(() => {
    if (lastIndex !== undefined && lastIndex >= items.length - 10 && hasMore) loadMore();
  }, [lastIndex, items.length, hasMore, loadMore]);
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
        <table className="tickets" data-testid="ticket-list" data-moved={layout?.moved.join(' ')}>
          {layout && (
            <colgroup>
              {layout.shown.map((c) => (
                <col key={c.column} style={{ width: c.px }} />
              ))}
            </colgroup>
          )}
          <thead>
            <tr>
              {layout?.shown.map((c) => (
                <th key={c.column} className={`c-${c.column}`} data-column={c.column}>
                  {t(HEADERS[c.column])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr className="spacer" style={{ height: padTop }} aria-hidden />}
            {layout &&
              rows.map((r) => {
                const x = stream.items[r.index]!;
                return <TicketRow key={x.ticketNo} ref={virtual.measureElement} index={r.index} ticket={x} fresh={stream.fresh.has(x.ticketNo)} now={now} layout={layout} onSelect={onSelect} />;
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

const HEADERS: Record<StreamColumn, MessageKey> = {
  time: 'col.time',
  ticketNo: 'col.ticketNo',
  category: 'col.category',
  summary: 'col.summary',
  subDistrict: 'col.subDistrict',
  whistle: 'col.whistle',
  status: 'col.status',
};

type RowProps = { index: number; ticket: Ticket; fresh: boolean; now: number; layout: ColumnLayout; onSelect: (no: string) => void };

/** Rows are memoised: a push re-renders only the rows it changed or moved into view (and all of them when the
 * layout or the language changes). Two lines: the complaint, then its address and whatever columns the width moved. */
const TicketRow = memo(forwardRef<HTMLTableRowElement, RowProps>(function TicketRow({ index, ticket: x, fresh, now, layout, onSelect }, ref) {
  const { t, label, place, span } = useI18n();
  const overdue = isOverdue(x, now);
  const dueSoon = !overdue && isDueSoon(x, now);
  const cross = x.cross.region || x.cross.level || x.cross.department;
  const cells: Record<StreamColumn, ReactNode> = {
    time: (
      <>
        <div>{formatWhen(x.receivedAt, now).split(' ')[0]}</div>
        <span className={`src src-${x.source}`}>{label('sourceShort', x.source)}</span>
      </>
    ),
    ticketNo: x.ticketNo,
    category: label('category', x.category),
    summary: null,
    subDistrict: place(x.subDistrictCode),
    whistle: (
      <span className={`whistle whistle-${x.whistleLevel}`} data-whistle={x.whistleLevel}>
        {label('whistle', x.whistleLevel)}
      </span>
    ),
    status: (
      <>
        <span className={`status status-${x.status}`}>{label('status', x.status)}</span>
        {overdue && <span className="overdue-tag" data-testid="row-overdue">{t('wall.overdueBy', { d: span(now - x.deadlineAt) })}</span>}
        {dueSoon && <span className="due-tag" data-testid="row-due-soon">{t('wall.dueIn', { d: span(x.deadlineAt - now) })}</span>}
      </>
    ),
  };
  // Moved into the second line, a routine whistle (most tickets) says nothing: only 重点哨 and 疑难哨 are shown there.
  const secondLine = SECOND_LINE_ORDER.filter((c) => c === 'address' || (layout.moved.includes(c) && !(c === 'whistle' && x.whistleLevel === 'routine'))).map((c) =>
    c === 'address' ? (
      <DataText key="addr" title={x.address}>
        {x.address}
      </DataText>
    ) : (
      <span key={c} className={`moved moved-${c}`}>
        {cells[c]}
      </span>
    ),
  );
  return (
    <tr ref={ref} data-index={index} className={`${fresh ? 'fresh' : ''} ${overdue ? 'overdue' : ''}`} data-ticket={x.ticketNo} onClick={() => onSelect(x.ticketNo)}>
      {layout.shown.map(({ column }) =>
        column === 'summary' ? (
          <td key={column} className="c-summary">
            <div className="sum-text" data-testid="row-summary">
              {cross && <span className="cross-tag">{t('cross.any')}</span>}
              <DataText title={x.summary}>{x.summary}</DataText>
            </div>
            <div className="addr">{secondLine}</div>
          </td>
        ) : (
          <td key={column} className={`c-${column}`}>
            {cells[column]}
          </td>
        ),
      )}
    </tr>
  );
}));
