/**
 * The preview as the spreadsheet shows it: one column per column of the file — its header, the field chosen
 * for it (a select, 忽略 for none), how that was decided — and the first rows below, with their row numbers in
 * the file. The cells are the file's own text, verbatim.
 */
import { useId } from 'react';
import type { ImportPreview } from '../../../shared/contract';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/import/fields';
import { DataText } from '../../app/DataText';
import { useI18n } from '../../app/i18n';

type By = 'synonym' | 'mapping' | 'none' | 'changed';

/** Ticket numbers and times are shown whole; long texts (the complaint, the address) end in … (whole on hover). */
const cellClass = (f: ImportField | null) => (f === null ? 'import-ignored' : f === 'ticketNo' || f === 'receivedAt' || f === 'deadlineAt' || f === 'resolvedAt' ? 'import-key' : '');

export function PreviewGrid({ preview, columns, doubled, disabled, onChange }: { preview: ImportPreview; columns: readonly (ImportField | null)[]; doubled: readonly ImportField[]; disabled: boolean; onChange: (column: number, field: ImportField | null) => void }) {
  const { t } = useI18n();
  // Each select is named by its row's title and its column's header (the file's own words, kept as data).
  const id = useId();
  const byOf = (i: number): By => {
    const c = preview.columns[i]!;
    if (columns[i] !== c.field) return 'changed';
    return c.field === null ? 'none' : c.by;
  };
  return (
    <div className="import-grid-scroll">
      <table className="import-table import-preview" data-testid="import-preview">
        <thead>
          <tr>
            <th scope="row" className="import-rowhead">
              {t('import.col.header')}
            </th>
            {preview.columns.map((c, i) => (
              <th key={c.index} id={`${id}-h${i}`} className="import-header" data-testid="import-header">
                <DataText title={c.header}>{c.header || '—'}</DataText>
              </th>
            ))}
          </tr>
          <tr>
            <th scope="row" className="import-rowhead" id={`${id}-field`}>
              {t('import.col.field')}
            </th>
            {preview.columns.map((c, i) => (
              <td key={c.index}>
                <select
                  value={columns[i] ?? ''}
                  disabled={disabled}
                  aria-labelledby={`${id}-field ${id}-h${i}`}
                  aria-invalid={columns[i] !== null && doubled.includes(columns[i]!)}
                  onChange={(e) => onChange(i, e.target.value === '' ? null : (e.target.value as ImportField))}
                  data-testid="import-field"
                  data-column={c.index}
                >
                  <option value="">{t('import.ignore')}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {t(`import.field.${f}`)}
                    </option>
                  ))}
                </select>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className="import-rowhead">
              {t('import.col.by')}
            </th>
            {preview.columns.map((c, i) => {
              const by = byOf(i);
              return (
                <td key={c.index}>
                  <span className={`import-by import-by-${by}`} data-testid="import-by" data-by={by}>
                    {t(`import.by.${by}`)}
                  </span>
                </td>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r} data-testid="import-preview-row">
              <th scope="row" className="import-rowhead num">
                {preview.headerRow + 1 + r}
              </th>
              {preview.columns.map((c, i) => (
                <td key={c.index} className={cellClass(columns[i] ?? null)}>
                  <DataText title={row[c.index] ?? ''}>{row[c.index] ?? ''}</DataText>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
