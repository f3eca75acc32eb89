/**
 * Step 2, 核对列: the hub's preview — each column's header, the field it was taken for (a select per column,
 * 忽略 for none), how that was decided (by its header, by a saved mapping, not recognised, or corrected here) and
 * the first rows as read. For a CSV, the encoding (自动识别 shows what was detected). Missing or doubled fields
 * keep 开始导入 off and say why; the mapping may be saved under a name for the next export of the same kind.
 */
import { useEffect, useState } from 'react';
import type { ImportEncoding, ImportJob, ImportPreview, SavedMapping } from '../../../shared/contract';
import { duplicateFields, missingFields, type ImportField } from '../../../shared/import/fields';
import { useClient } from '../../app/client-context';
import { Verbatim } from '../../app/DataText';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { formatBytes } from './file-text';
import { PreviewGrid } from './PreviewGrid';
import { DATA, WithData } from './WithData';
import { Alert } from './Alert';

export function ColumnMapping({ preview, onPreview, onStarted, onChooseOther }: { preview: ImportPreview; onPreview: (p: ImportPreview) => void; onStarted: (job: ImportJob) => void; onChooseOther: () => void }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [columns, setColumns] = useState<(ImportField | null)[]>(() => preview.columns.map((c) => c.field));
  const [saveAs, setSaveAs] = useState('');
  const [busy, setBusy] = useState<null | 'again' | 'start'>(null);
  const [error, setError] = useState<string | null>(null);
  const [mappings, setMappings] = useState<SavedMapping[]>([]);
  // What 自动识别 found when it was last asked (a later preview with a chosen encoding does not say).
  const [detected, setDetected] = useState<ImportEncoding | null>(preview.encodingDetected ? preview.encoding : null);
  useEffect(() => {
    setColumns(preview.columns.map((c) => c.field));
    if (preview.encodingDetected) setDetected(preview.encoding);
  }, [preview]);
  useEffect(() => {
    client.call('imports.mappings', {}).then((m) => setMappings(m.mappings), () => setMappings([]));
  }, [client]);

  const list = (fields: readonly string[]) => fields.join(locale === 'en' ? ', ' : '、');
  const missing = missingFields(columns);
  const doubled = duplicateFields(columns);
  const fieldName = (f: ImportField) => t(`import.field.${f}`);
  // Columns no header names and nobody has mapped yet: said above the grid (a wide file's last columns are off to
  // the right), so none is dropped unseen.
  const unrecognised = preview.columns.filter((c, i) => c.by === 'none' && columns[i] === null);
  const chooseOther = () => {
    // The upload at the hub is let go (nothing landed).
    void client.call('imports.cancel', { jobId: preview.jobId }).catch(() => undefined);
    onChooseOther();
  };

  const again = async (with_: { encoding?: ImportEncoding; mappingName?: string }) => {
    setBusy('again');
    setError(null);
    try {
      onPreview(await client.call('imports.repreview', { jobId: preview.jobId, ...with_ }));
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(null);
    }
  };
  const start = async () => {
    setBusy('start');
    setError(null);
    try {
      const name = saveAs.trim();
      onStarted(await client.call('imports.start', { jobId: preview.jobId, columns, ...(name ? { saveMappingAs: name } : {}), ...(preview.encoding ? { encoding: preview.encoding } : {}) }));
    } catch (e) {
      setError(errorText(e, locale));
      setBusy(null);
    }
  };

  return (
    <div className="import-mapping" data-testid="import-mapping">
      <p className="import-facts">
        <Verbatim>{preview.fileName}</Verbatim>
        <span className="muted"> · {t('import.fileFacts', { format: preview.format.toUpperCase(), size: formatBytes(preview.totalBytes), row: preview.headerRow, n: preview.rows.length })}</span>
      </p>
      <div className="settings-row">
        {preview.format === 'csv' && (
          <label className="setting-field">
            <span className="setting-label">{t('import.encoding')}</span>
            <select value={preview.encodingDetected ? '' : (preview.encoding ?? '')} disabled={busy !== null} onChange={(e) => void again(e.target.value ? { encoding: e.target.value as ImportEncoding } : {})} data-testid="import-encoding">
              <option value="">{detected ? t('import.encoding.auto', { encoding: t(`import.encoding.${detected}`) }) : t('import.encoding.autoPlain')}</option>
              <option value="utf-8">{t('import.encoding.utf-8')}</option>
              <option value="gb18030">{t('import.encoding.gb18030')}</option>
            </select>
          </label>
        )}
        {mappings.length > 0 && (
          <label className="setting-field">
            <span className="setting-label">{t('import.mapping')}</span>
            <select value={preview.mappingName ?? ''} disabled={busy !== null} onChange={(e) => void again(e.target.value ? { mappingName: e.target.value } : {})} data-testid="import-mapping-select">
              <option value="">{t('import.mapping.none')}</option>
              {mappings.map((m) => (
                <option key={m.name} value={m.name} translate="no">
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview.mappingName && (
          <span className="import-applied" data-testid="import-mapping-applied">
            <WithData text={t('import.mapping.applied', { name: DATA })} data={<Verbatim>{preview.mappingName}</Verbatim>} />
          </span>
        )}
        <span className="muted import-hint">{t('import.columnsHint')}</span>
      </div>
      {unrecognised.length > 0 && (
        <p className="import-unrecognised" role="status" data-testid="import-unrecognised">
          <WithData text={t('import.unrecognised', { columns: DATA })} data={<Verbatim>{list(unrecognised.map((c) => c.header || `#${c.index + 1}`))}</Verbatim>} />
        </p>
      )}
      <PreviewGrid preview={preview} columns={columns} doubled={doubled} disabled={busy !== null} onChange={(i, f) => setColumns((cs) => cs.map((c, j) => (j === i ? f : c)))} />
      {missing.length > 0 && (
        <Alert testId="import-missing">{t('import.missing', { fields: list(missing.map((f) => (f === 'subDistrict' ? t('import.missingPlace') : fieldName(f)))) })}</Alert>
      )}
      {doubled.length > 0 && (
        <Alert testId="import-duplicate">{t('import.duplicate', { fields: list(doubled.map(fieldName)) })}</Alert>
      )}
      <div className="settings-row import-start-row">
        <label className="setting-field">
          <span className="setting-label">{t('import.saveAs')}</span>
          <input value={saveAs} maxLength={60} onChange={(e) => setSaveAs(e.target.value)} placeholder={t('import.saveAsPlaceholder')} data-testid="import-save-as" />
        </label>
        <button type="button" className="primary" disabled={busy !== null || missing.length > 0 || doubled.length > 0} onClick={() => void start()} data-testid="import-start">
          {busy === 'start' ? t('import.starting') : t('import.start')}
        </button>
        <button type="button" disabled={busy !== null} onClick={chooseOther} data-testid="import-choose-other">
          {t('import.chooseOther')}
        </button>
      </div>
      {error && (
        <Alert testId="import-error">{error}</Alert>
      )}
    </div>
  );
}
