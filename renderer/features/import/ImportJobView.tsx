/** A started import: its progress while it runs, then its report (the hub is asked about twice a second). */
import { useEffect, useRef } from 'react';
import type { ImportJob } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';
import { ImportReport } from './ImportReport';
import { ImportRun } from './ImportRun';
import { ImportSteps } from './ImportSteps';
import { useImportJob } from './use-import-job';
import { Alert } from './Alert';

export function ImportJobView({ initial, onAnother, onOpenCategoryMap, onSettled }: { initial: ImportJob; onAnother: () => void; onOpenCategoryMap: () => void; /** The job has ended (or was open when it had). */ onSettled: () => void }) {
  const { t } = useI18n();
  const { job, error, set } = useImportJob(initial);
  const running = job.state === 'running';
  // Told once the job has ended, with the caller's handler of the moment (a new one each render changes nothing).
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  });
  useEffect(() => {
    if (!running) settled.current();
  }, [running]);
  return (
    <>
      <ImportSteps at={running ? 'running' : 'report'} />
      <p className="import-facts" data-testid="import-job" data-job-id={job.id} data-state={job.state}>
        <span translate="no">{job.fileName}</span>
        <span className={`import-state import-state-${job.state}`}> · {t(`import.state.${job.state}`)}</span>
      </p>
      {running ? <ImportRun job={job} onJob={set} /> : <ImportReport job={job} onJob={set} onOpenCategoryMap={onOpenCategoryMap} onAnother={onAnother} />}
      {error && (
        <Alert testId="import-poll-error">{error}</Alert>
      )}
    </>
  );
}
