/**
 * 报表: the reports this console has made (the 日报 each morning, the 月报 on the 1st, and any made on demand),
 * newest period first; one opened beside the list; a new one of any day, week, month or range.
 */
import { useEffect, useState } from 'react';
import type { Report, ReportInfo } from '../../../shared/contract';
import { periodText } from '../../../shared/domain/report-text';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { formatDate, formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { MakeReport } from './MakeReport';
import { ReportPage } from './ReportPage';

export function ReportsView({ onOpenUnit }: { onOpenUnit?: (unit: string) => void }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const list = useLiveQuery('reports.list', {}, ['reports.changed']).data?.reports;
  const schedule = useLiveQuery('reports.schedule', {}, []).data;
  const [chosen, setChosen] = useState<string>();
  // A period made more than once: the earlier ones say a later one exists (their figures are as they stood then).
  const newer = (r: ReportInfo) => list?.filter((x) => x.kind === r.kind && x.from === r.from && x.to === r.to && x.generatedAt > r.generatedAt).sort((a, b) => b.generatedAt - a.generatedAt)[0];
  const [report, setReport] = useState<Report>();
  useEffect(() => {
    if (!chosen) return;
    let gone = false;
    client.call('reports.open', { id: chosen }).then((r) => !gone && setReport(r), reportError);
    return () => {
      gone = true;
    };
  }, [client, chosen]);
  return (
    <section className="reports-view" aria-label={t('reports.title')} data-testid="reports-view">
      <aside className="reports-side">
        <h2>{t('reports.title')}</h2>
        <MakeReport onMade={(r) => setChosen(r.id)} />
        <h3>{t('reports.list')}</h3>
        {list && !list.length && <p className="muted">{t('reports.none', { at: schedule?.at ?? '08:00' })}</p>}
        <ul className="reports-list" data-testid="reports-list">
          {list?.map((r) => (
            <li key={r.id}>
              <button type="button" aria-pressed={r.id === chosen} onClick={() => setChosen(r.id)} data-testid="report-item" data-kind={r.kind}>
                <span className="report-item-title">
                  {t(`reports.kind.${r.kind}`)} · {periodText(r, locale)}
                </span>
                <span className="muted small">{t('reports.item', { when: `${formatDate(r.generatedAt, locale)} ${formatWhen(r.generatedAt, r.generatedAt)}`, trigger: t(`reports.trigger.${r.trigger}`), n: r.intake })}</span>
                {newer(r) && (
                  <span className="muted small" data-testid="report-superseded">
                    {t('reports.superseded', { when: `${formatDate(newer(r)!.generatedAt, locale)} ${formatWhen(newer(r)!.generatedAt, newer(r)!.generatedAt)}` })}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {report && report.id === chosen ? <ReportPage report={report} onOpenUnit={onOpenUnit} /> : <p className="muted reports-choose">{t('reports.choose')}</p>}
    </section>
  );
}
