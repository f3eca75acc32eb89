/** Open / overdue / total, and open tickets per sub-district — straight from the store's counts. */
import { DIVISIONS } from '../../../shared/domain/divisions';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

/** `compact`: the three tiles only (above the map, whose areas carry the per-sub-district counts). */
export function CountsPanel({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const counts = useLiveQuery('tickets.counts', {}, ['tickets.changed'], { atMostEveryMs: 1000 }).data;
  if (!counts) return <aside className="counts">{t('wall.loading')}</aside>;
  const open = new Map(counts.bySubDistrict.map((s) => [s.code, s.open]));
  // Place names stay in Chinese in both languages, as on the stream.
  const rows = DIVISIONS.subDistricts.map((s) => ({ code: s.code, name: s.shortName, open: open.get(s.code) ?? 0 })).sort((a, b) => b.open - a.open);
  const max = Math.max(1, ...rows.map((r) => r.open));
  return (
    <aside className={`counts ${compact ? 'counts-compact' : ''}`}>
      <div className="tiles">
        <div className="tile" data-testid="count-open">
          <div className="tile-value">{counts.open}</div>
          <div className="tile-label">{t('wall.openTickets')}</div>
        </div>
        <div className="tile tile-alert" data-testid="count-overdue">
          <div className="tile-value">{counts.overdue}</div>
          <div className="tile-label">{t('wall.overdue')}</div>
        </div>
        <div className="tile" data-testid="count-total">
          <div className="tile-value">{counts.total}</div>
          <div className="tile-label">{t('wall.total')}</div>
        </div>
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
