/** Open / overdue / due soon / received today, and open tickets per sub-district — straight from the store's counts. */
import { TICKET_EVENTS } from '../../app/ticket-events';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import type { TicketCounts } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n/catalogue';

/** The overview's figures, each with what it counts (its window and definition) under its name. */
const TILES: { key: 'open' | 'overdue' | 'dueSoon' | 'receivedToday'; testId: string; label: MessageKey; def: MessageKey; tone: (c: TicketCounts) => string }[] = [
  { key: 'open', testId: 'count-open', label: 'wall.openTickets', def: 'def.open', tone: () => '' },
  { key: 'overdue', testId: 'count-overdue', label: 'wall.overdue', def: 'def.overdue', tone: (c) => (c.overdue > 0 ? 'tile-alert' : '') },
  { key: 'dueSoon', testId: 'count-due-soon', label: 'wall.dueSoon', def: 'def.dueSoon', tone: (c) => (c.dueSoon > 0 ? 'tile-warn' : '') },
  { key: 'receivedToday', testId: 'count-today', label: 'wall.receivedToday', def: 'def.receivedToday', tone: () => '' },
];

/** The counts the overview reads once, for these tiles and the map's areas: at most once a second while tickets change. */
export function useTicketCounts(): TicketCounts | undefined {
  return useLiveQuery('tickets.counts', {}, TICKET_EVENTS, { atMostEveryMs: 1000 }).data;
}

/** `compact`: the tiles only (above the map, whose areas carry the per-sub-district counts). */
export function CountsPanel({ counts, compact = false }: { counts: TicketCounts | undefined; compact?: boolean }) {
  const { t } = useI18n();
  if (!counts) return <aside className="counts">{t('wall.loading')}</aside>;
  const open = new Map(counts.bySubDistrict.map((s) => [s.code, s.open]));
  // Place names stay in Chinese in both languages, as on the stream.
  const rows = DIVISIONS.subDistricts.map((s) => ({ code: s.code, name: s.shortName, open: open.get(s.code) ?? 0 })).sort((a, b) => b.open - a.open);
  const max = Math.max(1, ...rows.map((r) => r.open));
  return (
    <aside className={`counts ${compact ? 'counts-compact' : ''}`}>
      <div className="tiles">
        {TILES.map((x) => (
          <div key={x.key} className={`tile ${x.tone(counts)}`} data-testid={x.testId}>
            <div className="tile-value">{counts[x.key]}</div>
            <div className="tile-label">{t(x.label)}</div>
            <div className="tile-def">{t(x.def)}</div>
          </div>
        ))}
      </div>
      {!compact && <h2>{t('wall.bySubDistrict')}</h2>}
      {!compact && <ol className="bars">
        {rows.map((r) => (
          <li key={r.code} className="bar-row">
            <span className="bar-name">{r.name}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${(100 * r.open) / max}%` }} />
            </span>
            <span className="bar-value">{r.open}</span>
          </li>
        ))}
      </ol>}
    </aside>
  );
}
