/**
 * A report on screen, as the district's leaders read it in its files: title and period, the summary (the lead
 * sentence and the three largest changes), the figures with 环比 and 同比, intake and 办结 per day, sources,
 * categories and sub-districts, the hot issues with example tickets, early warnings, 三跨 and 疑难 tickets, the
 * units' and sub-districts' rates with their ranks, arbitrary returns by name, meetings and follow-ups; PDF and
 * XLSX to download.
 */
import { useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Report, ReportFile } from '../../../shared/contract';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { reportNames, reportTitle, summarySentences } from '../../../shared/domain/report-text';
import { useClient } from '../../app/client-context';
import { DataText, OrgName, Verbatim } from '../../app/DataText';
import { downloadUrl } from '../../app/download-url';
import { reportError } from '../../app/errors';
import { formatDate, formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import type { MessageKey } from '../../../shared/i18n/catalogue';
import { comparedCount, comparedRate, NONE, shareText, type ComparedRow } from './report-cells';

const UNITS_SHOWN = 15;

export function ReportPage({ report, onOpenUnit }: { report: Report; onOpenUnit?: (unit: string) => void }) {
  const { t, locale } = useI18n();
  const b = report.body;
  const names = reportNames(locale);
  const district = locale === 'zh-CN' ? DIVISIONS.district.name : DIVISIONS.district.nameEn;
  const points = (p: { sign: string; n: string } | null) => (p ? t('reports.points', p) : NONE);
  const changes = summarySentences(b.changes, locale);
  const [allUnits, setAllUnits] = useState(false);
  const totals: [MessageKey, ComparedRow][] = [
    ['reports.intake', comparedCount(b.totals.intake)],
    ['reports.done', comparedCount(b.totals.done)],
    ['reports.returns', comparedCount(b.totals.returns)],
    ['kpi.closedRate', comparedRate(b.totals.closedRate, points)],
    ['kpi.onTimeRate', comparedRate(b.totals.onTimeRate, points)],
    ['kpi.satisfactionRate', comparedRate(b.totals.satisfactionRate, points)],
  ];
  const units = allUnits ? b.units : b.units.slice(0, UNITS_SHOWN);
  return (
    <article className="report-page" data-testid="report-page" data-report-id={report.id}>
      <header>
        <h2 data-testid="report-title">{reportTitle(report, locale, district)}</h2>
        <p className="muted">
          {t('reports.period', { from: report.from, to: report.to })}
          {b.workingDays !== null && ` · ${t('reports.workingDays', { n: b.workingDays })}`} · {t('reports.generatedAt', { when: `${formatDate(b.asOf, locale)} ${formatWhen(b.asOf, b.asOf)}` })}
        </p>
        {b.through && (
          <p className="report-through" data-testid="report-through">
            {t('reports.through', { day: b.through })}
          </p>
        )}
        <ReportFiles id={report.id} />
      </header>
      <Part title={t('reports.summary')}>
        <p data-testid="report-summary">
          {t('reports.lead', { intake: b.totals.intake.n, done: b.totals.done.n, closed: shareText(b.totals.closedRate.value), onTime: shareText(b.totals.onTimeRate.value), satisfied: shareText(b.totals.satisfactionRate.value) })}
          {locale === 'zh-CN' ? '' : ' '}
          {changes.length ? changes.join(locale === 'zh-CN' ? '' : ' ') : t('reports.noPrevious')}
        </p>
      </Part>
      <Part title={t('reports.totals')}>
        <Compare head={t('reports.figure')} rows={totals.map(([k, r]) => [t(k), r])} testId="report-totals" />
      </Part>
      <Part title={t('reports.daily')}>
        {/* The chart's key in the catalogue's words (recharts' own legend labels its icons in English). */}
        <p className="chart-key">
          <i style={{ background: '#3da5ff' }} />
          {t('reports.intake')}
          <i style={{ background: '#2ecc71' }} />
          {t('reports.done')}
        </p>
        <div className="report-chart">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={b.daily.map((d) => ({ day: d.day.slice(5), intake: d.intake, done: d.done }))}>
              <CartesianGrid stroke="#1f2d4a" vertical={false} />
              <XAxis dataKey="day" stroke="#9fb0d0" />
              <YAxis stroke="#9fb0d0" allowDecimals={false} />
              <Bar dataKey="intake" name={t('reports.intake')} fill="#3da5ff" isAnimationActive={false} />
              <Bar dataKey="done" name={t('reports.done')} fill="#2ecc71" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Part>
      <Part title={t('reports.bySource')}>
        <Compare head={t('reports.source')} rows={b.bySource.map((s) => [names.source(s.key), comparedCount(s.n)])} />
      </Part>
      <Part title={t('reports.byCategory')}>
        <Compare head={t('reports.category')} rows={b.byCategory.map((s) => [names.category(s.key), comparedCount(s.n)])} testId="report-categories" />
      </Part>
      <Part title={t('reports.bySubDistrict')}>
        <Compare head={t('kpi.subDistrict')} rows={b.bySubDistrict.map((s) => [names.subDistrict(s.key), comparedCount(s.n)])} />
      </Part>
      <Part title={t('reports.hot')}>
        {b.totals.intake.previous === null && <p className="muted" data-testid="report-hot-basis">{t('reports.hotNoPrevious')}</p>}
        {[
          ['reports.hotCategories', b.hot.categories],
          ['reports.hotPlaces', b.hot.places],
        ].map(([title, list]) => (
          <Table key={title as string} caption={t(title as MessageKey)} head={[t('reports.category'), t('reports.place'), t('reports.thisPeriod'), t('reports.previous'), t('reports.rise'), t('reports.examples')]} rows={(list as typeof b.hot.places).map((h) => [names.category(h.category), h.placeCode ? names.place(h.placeCode) : t('reports.wholeDistrict'), h.n, h.previous ?? NONE, h.rise === null ? NONE : `+${h.rise}`, <DataText>{h.examples.map((e) => `${e.ticketNo} ${e.summary}`).join('；')}</DataText>])} />
        ))}
      </Part>
      <Part title={t('reports.warnings', { raised: b.warnings.raised, ack: b.warnings.acknowledged, cleared: b.warnings.cleared, active: b.warnings.stillActive })}>
        <Table head={[t('reports.category'), t('reports.place'), t('reports.col.count'), t('reports.col.raisedAt'), t('reports.col.ackAt'), t('reports.col.clearedAt')]} rows={b.warnings.items.map((w) => [names.category(w.category), names.place(w.placeCode), w.count, formatWhen(w.raisedAt, 0), w.acknowledgedAt === null ? NONE : formatWhen(w.acknowledgedAt, 0), w.clearedAt === null ? NONE : formatWhen(w.clearedAt, 0)])} />
      </Part>
      <Part title={t('reports.hard', { d: b.hard.difficult, dd: b.hard.difficultDone, c: b.hard.cross, cd: b.hard.crossDone })}>
        <Table caption={t('reports.hardOpen')} head={[t('reports.col.ticketNo'), t('reports.category'), t('kpi.subDistrict'), t('reports.col.status'), t('reports.col.complaint')]} rows={b.hard.open.map((x) => [<Verbatim key="n">{x.ticketNo}</Verbatim>, names.category(x.category), names.subDistrict(x.subDistrictCode), names.status(x.status), <DataText key="s">{x.summary}</DataText>])} />
      </Part>
      <Part title={t('reports.units')}>
        <Table
          testId="report-units"
          head={[t('reports.unit'), t('reports.intake'), t('reports.done'), t('kpi.closedRate'), t('reports.rank'), t('kpi.onTimeRate'), t('reports.rank'), t('kpi.satisfactionRate'), t('reports.rank'), t('reports.overdueOpen'), t('reports.late'), t('reports.returns'), t('reports.arbitrary'), ...(onOpenUnit ? [t('sup.action')] : [])]}
          rows={units.map((u) => [u.unit ? <OrgName key="u" name={u.unit} /> : t('reports.notDispatched'), u.intake, u.done, shareText(u.closedRate), u.closedRank ?? NONE, shareText(u.onTimeRate), u.onTimeRank ?? NONE, shareText(u.satisfactionRate), u.satisfactionRank ?? NONE, u.overdueOpen, u.late, u.returns, u.arbitrary, ...(onOpenUnit ? [u.unit ? <SuperviseUnit key="s" unit={u.unit} onOpen={onOpenUnit} /> : ''] : [])])}
        />
        {!allUnits && b.units.length > UNITS_SHOWN && (
          <button type="button" onClick={() => setAllUnits(true)} data-testid="report-units-all">
            {t('reports.showAll', { n: b.units.length })}
          </button>
        )}
      </Part>
      <Part title={t('reports.ranking')}>
        <Table
          head={[t('kpi.subDistrict'), t('reports.intake'), t('reports.done'), t('kpi.closedRate'), t('reports.rank'), t('kpi.onTimeRate'), t('reports.rank'), t('kpi.satisfactionRate'), t('reports.rank'), t('reports.overdueOpen'), t('reports.returns')]}
          rows={b.subDistricts.map((s) => [names.subDistrict(s.code), s.intake, s.done, shareText(s.closedRate), s.closedRank ?? NONE, shareText(s.onTimeRate), s.onTimeRank ?? NONE, shareText(s.satisfactionRate), s.satisfactionRank ?? NONE, s.overdueOpen, s.returns])}
        />
      </Part>
      <Part title={t('reports.arbitraryList')}>
        <Table head={[t('reports.col.ticketNo'), t('reports.returnedBy'), t('reports.returnedAt'), t('reports.reason')]} rows={b.arbitraryReturns.map((x) => [<Verbatim key="n">{x.ticketNo}</Verbatim>, <OrgName key="u" name={x.unit} />, formatWhen(x.at, 0), <DataText key="r">{x.reason}</DataText>])} />
      </Part>
      <Part title={t('reports.meetings', { held: b.meetings.held, decisions: b.meetings.decisions, open: b.meetings.followUpsOpen, overdue: b.meetings.followUpsOverdue })}>{null}</Part>
      <Part title={t('reports.deputies')}>
        <Table
          testId="report-deputies"
          head={[t('reports.deputyItem'), t('reports.thisPeriod'), t('reports.col.note')]}
          rows={[
            [t('reports.hardClosed'), b.deputies.hardClosed, t('reports.supervisedOpen', { n: b.deputies.supervisedOpen })],
            [t('reports.suggestionsIn'), b.deputies.suggestions.submitted, t('reports.suggestionsNow', { submitted: b.deputies.suggestions.atSubmitted, assigned: b.deputies.suggestions.atAssigned, done: b.deputies.suggestions.atDone })],
            [t('reports.suggestionsAnswered'), b.deputies.suggestions.answered, t('reports.suggestionsOutcome', { satisfied: b.deputies.suggestions.satisfied, reopened: b.deputies.suggestions.reopened })],
            [t('reports.lettersIssued'), b.deputies.letters.issued, t('reports.lettersState', { replied: b.deputies.letters.replied, awaiting: b.deputies.letters.awaiting })],
            [t('reports.referralsSent'), b.deputies.referrals.sent, t('reports.referralsAnswered', { n: b.deputies.referrals.answered })],
            [t('reports.fundSpends'), b.deputies.funds.spends, `¥${b.deputies.funds.amount.toLocaleString('en-US')}`],
          ]}
        />
      </Part>
    </article>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="report-part">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Compare({ head, rows, testId }: { head: string; rows: [string, ComparedRow][]; testId?: string }) {
  const { t } = useI18n();
  return <Table testId={testId} head={[head, t('reports.thisPeriod'), t('reports.previous'), t('reports.mom'), t('reports.yearBefore'), t('reports.yoy')]} rows={rows.map(([label, r]) => [label, r.n, r.previous, r.mom, r.yearBefore, r.yoy])} />;
}

/** The chair's way from a unit's row to its page in 督办 (its letters, a new letter or referral). */
function SuperviseUnit({ unit, onOpen }: { unit: string; onOpen: (unit: string) => void }) {
  const { t } = useI18n();
  return (
    <button type="button" onClick={() => onOpen(unit)} data-testid="report-unit-supervise">
      {t('reports.superviseUnit')}
    </button>
  );
}

function Table({ head, rows, caption, testId }: { head: string[]; rows: ReactNode[][]; caption?: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <table className="report-table" data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length ? (
          rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={j > 0 && typeof c === 'number' ? 'num' : undefined}>
                  {c}
                </td>
              ))}
            </tr>
          ))
        ) : (
          <tr>
            <td colSpan={head.length} className="muted">
              {t('reports.nothing')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** PDF and XLSX: written into the console's reports folder; in a browser (web host) offered as downloads. */
function ReportFiles({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const host = useLiveQuery('app.info', {}, []).data?.host;
  const [written, setWritten] = useState<string>();
  const get = (format: 'pdf' | 'xlsx') =>
    client.call('reports.file', { id, format }).then((f: ReportFile) => {
      if (host !== 'webhost') return setWritten(f.path);
      const a = document.createElement('a');
      a.href = downloadUrl(f);
      a.download = f.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    }, reportError);
  return (
    <p className="report-files">
      <button type="button" onClick={() => void get('pdf')} data-testid="report-pdf">
        {t('reports.downloadPdf')}
      </button>
      <button type="button" onClick={() => void get('xlsx')} data-testid="report-xlsx">
        {t('reports.downloadXlsx')}
      </button>
      {written && <span className="muted small">{t('reports.written', { file: written })}</span>}
    </p>
  );
}
