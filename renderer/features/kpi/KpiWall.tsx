/**
 * The KPI wall: today's intake, open and overdue; closure, on-time and satisfaction rates; returns; intake
 * by hour today and by day for the window; hot categories; the sub-district ranking. Every figure comes
 * from the store (kpi.snapshot); a rate with nothing to divide by shows "—".
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { subDistrictShortName } from '../../../shared/domain/divisions';
import { labelOr } from '../../../shared/i18n/catalogue';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';
import type { KpiSnapshot } from '../../../shared/contract';

const WINDOW_DAYS = 30;
const AXIS = { stroke: '#8a9bbd', fontSize: 12 };
const GRID = '#1f2d4a';

/** The clock moves overdue on without any write: refresh at least once a minute. */
function useMinute(): number {
  const [m, setM] = useState(() => Math.floor(Date.now() / 60_000));
  useEffect(() => {
    const id = setInterval(() => setM(Math.floor(Date.now() / 60_000)), 5_000);
    return () => clearInterval(id);
  }, []);
  return m;
}

export function KpiWall() {
  const { t, locale } = useI18n();
  const minute = useMinute();
  const app = useLiveQuery('app.info', {}, []).data;
  const kpi = useLiveQuery('kpi.snapshot', { windowDays: WINDOW_DAYS }, ['tickets.changed'], { key: minute, atMostEveryMs: 1000 }).data;
  if (!kpi) return <section className="kpi-wall">{t('wall.loading')}</section>;
  const pct = (r: number | null) => (r === null ? t('kpi.none') : `${(r * 100).toFixed(1)}%`);
  const tiles: { key: string; label: string; value: string | number; alert?: boolean }[] = [
    { key: 'todayIntake', label: t('kpi.todayIntake'), value: kpi.today.intake },
    { key: 'open', label: t('kpi.open'), value: kpi.open },
    { key: 'overdue', label: t('kpi.overdue'), value: kpi.overdue, alert: kpi.overdue > 0 },
    { key: 'closedRate', label: t('kpi.closedRate'), value: pct(kpi.rates.closedRate) },
    { key: 'onTimeRate', label: t('kpi.onTimeRate'), value: pct(kpi.rates.onTimeRate) },
    { key: 'satisfactionRate', label: t('kpi.satisfactionRate'), value: pct(kpi.rates.satisfactionRate) },
    { key: 'returns', label: t('kpi.returns'), value: kpi.window.returns },
  ];
  const hourly = kpi.hourly.map((n, h) => ({ h: `${h}`, n }));
  const daily = kpi.daily.map((d) => ({ day: d.day.slice(5), intake: d.intake, done: d.done }));
  const hot = kpi.hotCategories.map((c) => ({ name: labelOr(locale, `category.${c.category}`, c.category), n: c.intake }));
  return (
    <section className="kpi-wall" aria-label={t('kpi.title')} data-testid="kpi-wall">
      <div className="kpi-tiles">
        {tiles.map((x) => (
          <div key={x.key} className={`tile ${x.alert ? 'tile-alert' : ''}`} data-testid={`kpi-${x.key}`}>
            <div className="tile-value">{x.value}</div>
            <div className="tile-label">{x.label}</div>
          </div>
        ))}
      </div>
      <p className="kpi-note">{t('kpi.windowNote', { days: kpi.windowDays })}</p>
      <div className="kpi-charts">
        <figure className="kpi-chart">
          <figcaption>{t('kpi.hourly')}</figcaption>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={hourly} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="h" tick={AXIS} stroke={GRID} interval={1} />
              <YAxis tick={AXIS} stroke={GRID} allowDecimals={false} />
              <Tooltip cursor={{ fill: '#ffffff10' }} contentStyle={{ background: '#111a2e', border: '1px solid #24324f' }} />
              <Bar dataKey="n" name={t('kpi.intake')} fill="#3da5ff" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure className="kpi-chart">
          <figcaption>{t('kpi.daily', { days: kpi.windowDays })}</figcaption>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={daily} margin={{ top: 8, right: 12, left: -12, bottom: 0 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="day" tick={AXIS} stroke={GRID} minTickGap={16} />
              <YAxis tick={AXIS} stroke={GRID} allowDecimals={false} />
              <Tooltip contentStyle={{ background: '#111a2e', border: '1px solid #24324f' }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line dataKey="intake" name={t('kpi.intake')} stroke="#3da5ff" dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="done" name={t('kpi.done')} stroke="#2ecc71" dot={false} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="kpi-chart">
          <figcaption>{t('kpi.hotCategories')}</figcaption>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={hot} layout="vertical" margin={{ top: 4, right: 16, left: 8, bottom: 0 }}>
              <CartesianGrid stroke={GRID} horizontal={false} />
              <XAxis type="number" tick={AXIS} stroke={GRID} allowDecimals={false} />
              <YAxis type="category" dataKey="name" tick={AXIS} stroke={GRID} width={110} interval={0} />
              <Tooltip cursor={{ fill: '#ffffff10' }} contentStyle={{ background: '#111a2e', border: '1px solid #24324f' }} />
              <Bar dataKey="n" name={t('kpi.intake')} fill="#ffb020" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        {app?.role === 'station' && app.stationCode ? (
          <OwnFigures row={kpi.ranking.find((r) => r.code === app.stationCode)} pct={pct} />
        ) : (
          <figure className="kpi-chart kpi-ranking">
            <figcaption>{t('kpi.ranking')}</figcaption>
            <table className="ranking" data-testid="kpi-ranking">
              <TableHead columns={['#', 'kpi.subDistrict', 'kpi.open', 'kpi.overdue', 'kpi.intake', 'kpi.closedRate', 'kpi.onTimeRate', 'kpi.satisfactionRate', 'kpi.returns']} />
              <tbody>
                {kpi.ranking.map((r, i) => (
                  <tr key={r.code}>
                    <td>{i + 1}</td>
                    <td>{subDistrictShortName(r.code)}</td>
                    <td>{r.open}</td>
                    <td className={r.overdue ? 'bad' : ''}>{r.overdue}</td>
                    <td>{r.intake}</td>
                    <td>{pct(r.closedRate)}</td>
                    <td>{pct(r.onTimeRate)}</td>
                    <td>{pct(r.satisfactionRate)}</td>
                    <td>{r.returns}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        )}
      </div>
    </section>
  );
}

type RankingRow = KpiSnapshot['ranking'][number];

/**
 * A station holds only its own tickets: a ranking of one row says nothing. In its place, the sub-district's
 * own figures over the same window, one to a line (a dash where there is nothing to show yet).
 */
function OwnFigures({ row, pct }: { row: RankingRow | undefined; pct: (r: number | null) => string }) {
  const { t } = useI18n();
  const figures: [key: 'kpi.open' | 'kpi.overdue' | 'kpi.intake' | 'kpi.closedRate' | 'kpi.onTimeRate' | 'kpi.satisfactionRate' | 'kpi.returns', value: string | number, bad?: boolean][] = [
    ['kpi.open', row?.open ?? 0],
    ['kpi.overdue', row?.overdue ?? 0, (row?.overdue ?? 0) > 0],
    ['kpi.intake', row?.intake ?? 0],
    ['kpi.closedRate', pct(row?.closedRate ?? null)],
    ['kpi.onTimeRate', pct(row?.onTimeRate ?? null)],
    ['kpi.satisfactionRate', pct(row?.satisfactionRate ?? null)],
    ['kpi.returns', row?.returns ?? 0],
  ];
  return (
    <figure className="kpi-chart kpi-own" data-testid="kpi-own">
      <figcaption>{t('kpi.ownFigures')}</figcaption>
      <dl className="own-figures">
        {figures.map(([key, value, bad]) => (
          <div key={key} data-figure={key}>
            <dt>{t(key)}</dt>
            <dd className={bad ? 'bad' : ''}>{value}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
