/** 生成报表: a 日报, 周报 or 月报 of any day, week or month, or a report of any range of days, made now. */
import { useState } from 'react';
import { MAX_REPORT_DAYS, REPORT_KINDS, daysIn, periodOf, type ReportKind, type ReportPeriod } from '../../../shared/domain/report-period';
import type { ReportInfo } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { DateField, MonthField } from '../../app/DateField';

const yesterday = () => toDateInput(Date.now() - 86_400_000);
/** The years a 月报 can be asked for: from 2020 to this one. */
const REPORT_YEARS = Array.from({ length: Number(toDateInput(Date.now()).slice(0, 4)) - 2019 }, (_, i) => 2020 + i).reverse();

export function MakeReport({ onMade }: { onMade: (r: ReportInfo) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [kind, setKind] = useState<ReportKind>('month');
  const [day, setDay] = useState(yesterday);
  // The month before this one: the last 月报 that is complete.
  const [month, setMonth] = useState(() => toDateInput(Date.parse(`${toDateInput(Date.now()).slice(0, 7)}-01T12:00:00+08:00`) - 86_400_000).slice(0, 7));
  const [from, setFrom] = useState(() => toDateInput(Date.now() - 7 * 86_400_000));
  const [to, setTo] = useState(yesterday);
  const [busy, setBusy] = useState(false);
  // A custom range is checked here, in the user's words, before it is sent (the service refuses it too).
  const dateMissing = kind === 'custom' ? !from || !to : kind !== 'month' && !day;
  const rangeProblem = kind !== 'custom' || !from || !to ? null : from > to ? t('reports.rangeBackwards') : daysIn({ from, to }) > MAX_REPORT_DAYS ? t('reports.rangeTooLong', { n: MAX_REPORT_DAYS }) : null;
  const period = (): ReportPeriod => (kind === 'custom' ? { kind, from, to } : kind === 'month' ? periodOf('month', `${month}-01`) : periodOf(kind, day));
  const make = () => {
    let asked: ReportPeriod;
    try {
      asked = period();
    } catch (e) {
      return reportError(e); // a period the rules refuse
    }
    setBusy(true);
    client
      .call('reports.generate', { period: asked })
      .then(onMade, reportError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="report-make" onSubmit={(e) => (e.preventDefault(), make())} data-testid="report-make">
      <h3>{t('reports.make')}</h3>
      <label>
        {t('reports.kindLabel')}
        <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind)} data-testid="report-kind">
          {REPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`reports.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'month' && (
        <label>
          {t('reports.month')}
          <MonthField value={month} onChange={setMonth} years={REPORT_YEARS} testId="report-month" />
        </label>
      )}
      {(kind === 'day' || kind === 'week') && (
        <label>
          {t(kind === 'day' ? 'reports.day' : 'reports.weekOf')}
          <DateField value={day} onChange={setDay} testId="report-day" />
        </label>
      )}
      {kind === 'custom' && (
        <>
          <label>
            {t('reports.from')}
            <DateField value={from} onChange={setFrom} testId="report-from" />
          </label>
          <label>
            {t('reports.to')}
            <DateField value={to} onChange={setTo} testId="report-to" />
          </label>
        </>
      )}
      {rangeProblem && (
        <p className="op-state refused" role="alert" data-testid="report-range-problem">
          {rangeProblem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || dateMissing || rangeProblem !== null} data-testid="report-generate">
        {t('reports.generate')}
      </button>
    </form>
  );
}
