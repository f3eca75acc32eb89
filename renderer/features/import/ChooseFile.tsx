/** Step 1, 选择文件: the chair picks a platform export; it goes to the hub, which answers with its preview. */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ImportPreview } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { uploadFile, type UploadProgress } from './upload-file';
import { Alert } from './Alert';

const ACCEPT = '.xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ChooseFile({ onPreview }: { onPreview: (p: ImportPreview) => void }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const gone = useRef(false);
  useEffect(() => () => void (gone.current = true), []);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setProgress({ phase: 'uploading', sent: 0, total: file.size });
    try {
      const preview = await uploadFile(client, file, (p) => !gone.current && setProgress(p), () => gone.current);
      if (preview && !gone.current) onPreview(preview);
    } catch (err) {
      if (!gone.current) setError(errorText(err, locale));
    } finally {
      if (!gone.current) setProgress(null);
    }
  };

  const percent = progress?.phase === 'uploading' ? Math.floor((progress.sent / Math.max(1, progress.total)) * 100) : 100;
  return (
    <div className="import-choose" data-testid="import-choose">
      <div className="settings-row">
        <label className={`button primary${progress ? ' disabled' : ''}`}>
          {t('import.chooseFile')}
          <input type="file" accept={ACCEPT} onChange={(e) => void choose(e)} disabled={progress !== null} data-testid="import-file" hidden />
        </label>
        {progress && (
          <span className="import-upload" role="status" data-testid="import-uploading">
            <span className="import-bar" aria-hidden>
              <span style={{ width: `${percent}%` }} />
            </span>
            {progress.phase === 'uploading' ? t('import.uploading', { percent }) : t('import.reading')}
          </span>
        )}
      </div>
      {error && (
        <Alert testId="import-error">{error}</Alert>
      )}
    </div>
  );
}
