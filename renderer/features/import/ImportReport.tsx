/**
 * Step 4, 导入报告: what the import did — rows read, new, updated, unchanged, refused, 未定位, placed
 * approximately, under 其他 — each with what it counts; the category texts not in the map (to the category map);
 * the first refused rows with their reasons and the whole list as CSV; 继续导入 for a cancelled or interrupted job.
 */
import { useState } from 'react';
import type { ImportJob, ImportReport as Report } from '../../../shared/contract';
import { describeError } from '../../../shared/i18n/catalogue';
import { useClient } from '../../app/client-context';
import { DataText } from '../../app/DataText';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { downloadText } from './download-text';
import { RefusedTable } from './RefusedTable';
import { Alert } from './Alert';

const FIGURES = ['rows', 'imported', 'updated', 'unchanged', 'refused', 'unplaced', 'approximate', 'otherCategory'] as const satisfies readonly (keyof Report)[];

export function ImportReport({ job, onJob, onOpenCategoryMap, onAnother }: { job: ImportJob; onJob: (j: ImportJob) => void; onOpenCategoryMap: () => void; onAnother: () => void }) {
  const { t, locale, label } = useI18n();
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = job.report;
  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };
  const download = () =>
    act(async () => {
      const { fileName, csv } = await client.call('imports.refusedCsv', { jobId: job.id });
      downloadText(fileName, csv);
    });
  const resume = () => act(async () => onJob(await client.call('imports.resume', { jobId: job.id })));
  const why = job.error ? describeError(locale, { reason: job.error.reason, params: job.error.params }) : null;

  return (
    <div className="import-report" data-testid="import-report" data-state={job.state}>
      {why && (
        <Alert testId="import-job-error" title={job.error?.message}>{job.state === 'refused' ? t('import.fileRefused', { reason: why }) : t('import.stopped', { reason: why })}</Alert>
      )}
      {job.state !== 'refused' && (
        <dl className="import-figures" data-testid="import-figures">
          {FIGURES.map((k) => (
            <div key={k} className={`import-figure import-figure-${k}${r[k] > 0 && (k === 'refused' || k === 'unplaced' || k === 'otherCategory') ? ' attention' : ''}`} data-figure={k}>
              <dt>{t(`import.report.${k}`)}</dt>
              <dd data-testid={`import-figure-${k}`}>{r[k].toLocaleString(locale)}</dd>
              <dd className="import-def">{t(`import.def.${k}`)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="settings-row">
        {(job.state === 'cancelled' || job.state === 'interrupted') && (
          <button type="button" className="primary" disabled={busy} onClick={() => void resume()} data-testid="import-resume">
            {t('import.resume')}
          </button>
        )}
        {r.refused > 0 && (
          <button type="button" disabled={busy} onClick={() => void download()} data-testid="import-download-refused">
            {t('import.downloadRefused')}
          </button>
        )}
        <button type="button" onClick={onAnother} data-testid="import-another">
          {t('import.another')}
        </button>
      </div>
      {error && (
        <Alert>{error}</Alert>
      )}
      {r.unmappedCategories.length > 0 && (
        <section className="import-unmapped" data-testid="import-unmapped">
          <h3>{t('import.unmapped.title')}</h3>
          <p className="muted">{t('import.unmapped.explain')}</p>
          <ul>
            {r.unmappedCategories.map((u) => (
              <li key={u.text}>
                <DataText>{u.text}</DataText> <span className="muted">{t('import.unmapped.item', { n: u.rows.toLocaleString(locale) })}</span>
                {u.suggestion && <span className="muted"> · {t('import.suggested', { category: label('category', u.suggestion) })}</span>}
              </li>
            ))}
          </ul>
          <button type="button" onClick={onOpenCategoryMap} data-testid="import-open-category-map">
            {t('import.unmapped.open')}
          </button>
        </section>
      )}
      {r.refusedSample.length > 0 && (
        <section className="import-refused-sample">
          <h3>{t('import.refusedTitle', { n: r.refusedSample.length })}</h3>
          <RefusedTable rows={r.refusedSample} testId="import-refused" />
        </section>
      )}
    </div>
  );
}
