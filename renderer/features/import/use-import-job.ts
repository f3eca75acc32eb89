/**
 * A job as the hub reports it, asked again about twice a second while it runs (the progress bar, rows/s, time
 * left) and no more once it has ended. `set` takes a job answered by another call (start, cancel, resume).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJob } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';

const POLL_MS = 500;

export function useImportJob(initial: ImportJob): { job: ImportJob; error: string | null; set: (j: ImportJob) => void } {
  const client = useClient();
  const { locale } = useI18n();
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(job);
  latest.current = job;
  const set = useCallback((j: ImportJob) => setJob(j), []);

  useEffect(() => {
    if (job.state !== 'running') return;
    let alive = true;
    const timer = setTimeout(() => {
      client.call('imports.get', { jobId: job.id }).then(
        (j) => {
          if (!alive) return;
          setError(null);
          setJob(j);
        },
        (e: unknown) => {
          if (!alive) return;
          setError(errorText(e, locale));
          // Asked again on the same beat (the hub may be back): a new object starts the next round.
          setJob({ ...latest.current });
        },
      );
    }, POLL_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, job, locale]);

  return { job, error, set };
}
