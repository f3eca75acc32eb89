/**
 * 设置 → 导入工单: the chair imports a platform export at the hub — 选择文件 → 核对列 → 导入中 → 导入报告 —
 * and sees the past imports. A job still running when the page opens is shown at once.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ImportJob, ImportPreview } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { ChooseFile } from './ChooseFile';
import { ColumnMapping } from './ColumnMapping';
import { ImportJobView } from './ImportJobView';
import { ImportSteps } from './ImportSteps';
import { PastImports } from './PastImports';
import './import.css';
import { Alert } from './Alert';

type Stage = { kind: 'choose' } | { kind: 'check'; preview: ImportPreview } | { kind: 'job'; job: ImportJob };

export function ImportSection({ onOpenCategoryMap }: { onOpenCategoryMap: () => void }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [jobs, setJobs] = useState<ImportJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { jobs } = await client.call('imports.list', {});
      setJobs(jobs);
      setError(null);
      return jobs;
    } catch (e) {
      setError(errorText(e, locale));
      return null;
    }
  }, [client, locale]);
  useEffect(() => {
    void refresh().then((list) => {
      const running = list?.find((j) => j.state === 'running');
      if (running) setStage((s) => (s.kind === 'choose' ? { kind: 'job', job: running } : s));
    });
  }, [refresh]);

  const open = async (job: ImportJob) => {
    if (job.state !== 'previewing') return setStage({ kind: 'job', job });
    try {
      setStage({ kind: 'check', preview: await client.call('imports.repreview', { jobId: job.id }) });
    } catch (e) {
      setError(errorText(e, locale));
    }
  };
  const another = () => (setStage({ kind: 'choose' }), void refresh());

  return (
    <section className="import-section" data-testid="import-section">
      <h2>{t('import.title')}</h2>
      {stage.kind === 'choose' && (
        <>
          <p className="muted import-explain">{t('import.explain')}</p>
          <ImportSteps at="choose" />
          <ChooseFile onPreview={(preview) => setStage({ kind: 'check', preview })} />
        </>
      )}
      {stage.kind === 'check' && (
        <>
          <ImportSteps at="check" />
          <ColumnMapping preview={stage.preview} onPreview={(preview) => setStage({ kind: 'check', preview })} onStarted={(job) => (setStage({ kind: 'job', job }), void refresh())} onChooseOther={another} />
        </>
      )}
      {stage.kind === 'job' && <ImportJobView key={stage.job.id} initial={stage.job} onAnother={another} onOpenCategoryMap={onOpenCategoryMap} onSettled={() => void refresh()} />}
      {error && (
        <Alert testId="import-list-error">{error}</Alert>
      )}
      {stage.kind !== 'check' && jobs && <PastImports jobs={jobs} onOpen={(j) => void open(j)} />}
    </section>
  );
}
