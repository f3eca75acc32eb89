/**
 * Filters of the ticket stream: whistle level, category, sub-district, status, 三跨, overdue, due soon, and search.
 * They become the contract's TicketQuery; the store does the filtering.
 */
import { CATEGORIES } from '../../../shared/domain/categories';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { TICKET_STATUSES } from '../../../shared/domain/status';
import { WHISTLE_LEVELS, type WhistleLevel } from '../../../shared/domain/ticket';
import type { TicketQuery } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';

export type StreamFilter = {
  whistle: WhistleLevel[];
  category: string;
  subDistrict: string;
  status: string; // '' all, 'open', or a status
  cross: boolean;
  overdue: boolean;
  dueSoon: boolean;
  search: string;
};
export const NO_FILTER: StreamFilter = { whistle: [], category: '', subDistrict: '', status: '', cross: false, overdue: false, dueSoon: false, search: '' };

export function toQuery(f: StreamFilter): Omit<TicketQuery, 'limit' | 'cursor'> {
  return {
    ...(f.whistle.length ? { whistleLevel: f.whistle } : {}),
    ...(f.category ? { category: [f.category] } : {}),
    ...(f.subDistrict ? { subDistrictCode: [f.subDistrict] } : {}),
    ...(f.status === 'open' ? { openOnly: true } : f.status ? { status: [f.status as (typeof TICKET_STATUSES)[number]] } : {}),
    ...(f.cross ? { crossOnly: true } : {}),
    ...(f.overdue ? { overdueOnly: true } : {}),
    ...(f.dueSoon ? { dueSoonOnly: true } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
  };
}

export function StreamFilters({ value, onChange }: { value: StreamFilter; onChange: (f: StreamFilter) => void }) {
  const { t, label, place } = useI18n();
  const set = (patch: Partial<StreamFilter>) => onChange({ ...value, ...patch });
  const active = JSON.stringify(value) !== JSON.stringify(NO_FILTER);
  return (
    <div className="filters" data-testid="stream-filters">
      {WHISTLE_LEVELS.map((w) => (
        <button
          key={w}
          className={`chip whistle-chip-${w} ${value.whistle.includes(w) ? 'chip-on' : ''}`}
          aria-pressed={value.whistle.includes(w)}
          onClick={() => set({ whistle: value.whistle.includes(w) ? value.whistle.filter((x) => x !== w) : [...value.whistle, w] })}
        >
          {label('whistle', w)}
        </button>
      ))}
      <button className={`chip ${value.cross ? 'chip-on' : ''}`} aria-pressed={value.cross} onClick={() => set({ cross: !value.cross })}>
        {t('cross.any')}
      </button>
      <button className={`chip ${value.overdue ? 'chip-on' : ''}`} aria-pressed={value.overdue} onClick={() => set({ overdue: !value.overdue })}>
        {t('wall.overdue')}
      </button>
      <button className={`chip ${value.dueSoon ? 'chip-on' : ''}`} aria-pressed={value.dueSoon} onClick={() => set({ dueSoon: !value.dueSoon })} data-testid="filter-due-soon">
        {t('wall.dueSoon')}
      </button>
      <select className="select" aria-label={t('col.status')} value={value.status} onChange={(e) => set({ status: e.target.value })}>
        <option value="">{t('filter.allStatuses')}</option>
        <option value="open">{t('filter.open')}</option>
        {TICKET_STATUSES.map((s) => (
          <option key={s} value={s}>
            {label('status', s)}
          </option>
        ))}
      </select>
      <select className="select" aria-label={t('col.category')} value={value.category} onChange={(e) => set({ category: e.target.value })}>
        <option value="">{t('filter.allCategories')}</option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {label('category', c)}
          </option>
        ))}
      </select>
      <select className="select" aria-label={t('col.subDistrict')} value={value.subDistrict} onChange={(e) => set({ subDistrict: e.target.value })}>
        <option value="">{t('filter.allSubDistricts')}</option>
        {DIVISIONS.subDistricts.map((s) => (
          <option key={s.code} value={s.code}>
            {place(s.code, true)}
          </option>
        ))}
      </select>
      <input className="input search" type="search" placeholder={t('filter.search')} aria-label={t('filter.search')} value={value.search} onChange={(e) => set({ search: e.target.value })} maxLength={100} />
      {active && (
        <button className="chip" onClick={() => onChange(NO_FILTER)}>
          {t('filter.clear')}
        </button>
      )}
    </div>
  );
}
