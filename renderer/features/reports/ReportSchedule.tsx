/** 设置 → 报表定时: when the 日报 and the 月报 are made (Beijing time), and whether. */
import { useEffect, useState } from 'react';
import type { ReportSchedule as Schedule } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

export function ReportSchedule() {
  const { t } = useI18n();
  const client = useClient();
  const stored = useLiveQuery('reports.schedule', {}, [], { quiet: true }).data;
  const [s, setS] = useState<Schedule>();
  const [saved, setSaved] = useState(false);
  useEffect(() => stored && setS(stored), [stored]);
  if (!s) return null;
  const change = (patch: Partial<Schedule>) => (setSaved(false), setS({ ...s, ...patch }));
  return (
    <section className="report-schedule" data-testid="report-schedule">
      <h2>{t('reports.schedule')}</h2>
      <p className="muted">{t('reports.scheduleHint')}</p>
      <label>
        {t('reports.scheduleAt')} <input type="time" value={s.at} onChange={(e) => change({ at: e.target.value })} required data-testid="report-schedule-at" />
      </label>
      <label>
        <input type="checkbox" checked={s.daily} onChange={(e) => change({ daily: e.target.checked })} data-testid="report-schedule-daily" /> {t('reports.scheduleDaily')}
      </label>
      <label>
        <input type="checkbox" checked={s.monthly} onChange={(e) => change({ monthly: e.target.checked })} data-testid="report-schedule-monthly" /> {t('reports.scheduleMonthly')}
      </label>
      <button type="button" onClick={() => client.call('reports.setSchedule', s).then(() => setSaved(true), reportError)} data-testid="report-schedule-save">
        {t('reports.save')}
      </button>
      {saved && <span className="muted"> {t('reports.saved')}</span>}
    </section>
  );
}
