/** 以往导入: the hub's recent import jobs, newest first, each with its state and figures; 查看 opens one. */
import type { ImportJob } from '../../../shared/contract';
import { DataText, Verbatim } from '../../app/DataText';
import { formatClock, formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { TableHead } from '../../app/TableHead';

export function PastImports({ jobs, onOpen }: { jobs: readonly ImportJob[]; onOpen: (job: ImportJob) => void }) {
  const { t } = useI18n();
  return (
    <section className="import-past" data-testid="import-past">
      <h3>{t('import.past')}</h3>
      {jobs.length === 0 ? (
        <p className="muted">{t('import.pastNone')}</p>
      ) : (
        <table className="import-table">
          <TableHead columns={['col.time', 'import.col.file', 'import.col.who', 'col.status', 'import.col.result', '']} />
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-testid="import-past-row" data-job-id={j.id}>
                <td className="num">
                  {formatDay(j.createdAt)} {formatClock(j.createdAt)}
                </td>
                <td>
                  <Verbatim>{j.fileName}</Verbatim>
                </td>
                <td>{/[\u3400-\u9fff]/.test(j.by) ? <DataText>{j.by}</DataText> : <Verbatim>{j.by}</Verbatim>}</td>
                <td className={`import-state import-state-${j.state}`}>{t(`import.state.${j.state}`)}</td>
                <td>{j.state === 'refused' || j.state === 'previewing' || j.state === 'running' ? '—' : t('import.pastSummary', { imported: j.report.imported, updated: j.report.updated, refused: j.report.refused })}</td>
                <td>
                  <button type="button" onClick={() => onOpen(j)} data-testid="import-past-open">
                    {t('import.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
