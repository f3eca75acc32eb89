/** Step 3, 导入中: how far the hub has read the file, rows committed, rows a second, time left, and 取消. */
import { useState } from 'react';
import type { ImportJob } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { formatBytes } from './file-text';
import { Alert } from './Alert';

export function ImportRun({ job, onJob }: { job: ImportJob; onJob: (j: ImportJob) => void }) {
  const { t, locale, span } = useI18n();
  const client = useClient();
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const p = job.progress;
  const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const eta = p.etaS === null ? t('import.etaUnknown') : t('import.eta', { time: p.etaS < 60 ? t('import.seconds', { n: Math.max(1, Math.round(p.etaS)) }) : span(p.etaS * 1000) });

  const cancel = async () => {
    setCancelling(true);
    setError(null);
    try {
      onJob(await client.call('imports.cancel', { jobId: job.id }));
    } catch (e) {
      setError(errorText(e, locale));
      setCancelling(false);
    }
  };

  return (
    <div className="import-run" data-testid="import-run">
      <div className="import-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} data-testid="import-progress">
        <span style={{ width: `${fraction * 100}%` }} />
      </div>
      <p className="import-run-facts">
        <span>{t('import.progress', { read: formatBytes(p.bytesRead), total: formatBytes(p.totalBytes) })}</span>
        <span data-testid="import-committed">{t('import.committed', { n: p.committedRows.toLocaleString(locale) })}</span>
        <span data-testid="import-rate">{t('import.rate', { n: Math.round(p.rowsPerS).toLocaleString(locale) })}</span>
        <span data-testid="import-eta">{eta}</span>
      </p>
      <div className="settings-row import-cancel-row">
        <button type="button" onClick={() => void cancel()} disabled={cancelling} data-testid="import-cancel">
          {t('import.cancel')}
        </button>
        <span className="muted">{t('import.cancelNote')}</span>
      </div>
      {error && (
        <Alert>{error}</Alert>
      )}
    </div>
  );
}
