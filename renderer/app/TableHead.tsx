/** A table's header row, its titles from the catalogue ('' for a column without a title, '#' as it is). */
import type { MessageKey } from '../../shared/i18n/catalogue';
import { useI18n } from './i18n';

export function TableHead({ columns }: { columns: readonly (MessageKey | '' | '#')[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i}>{c === '' ? null : c === '#' ? '#' : t(c)}</th>
        ))}
      </tr>
    </thead>
  );
}
