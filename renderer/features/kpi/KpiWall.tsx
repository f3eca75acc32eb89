/**
 * The KPI wall: today's intake, open and overdue; closure, on-time and satisfaction rates; returns; intake
 * by hour today and by day for the window (every day; closures on the day resolved); hot categories; the
 * sub-district ranking. Every figure says what it counts and over which window; charts carry their values in the
 * wall's type. Every figure comes from the store (kpi.snapshot); a rate with nothing to divide by shows "—".
 */
import { TICKET_EVENTS } from '../../app/ticket-events';
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { labelOr, type MessageKey } from '../../../shared/i18n/catalogue';
import { useRootFontSize } from '../../app/use-root-font-size';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';
import type { KpiSnapshot } from '../../../shared/contract';
import { addDays, beijingDayOf, periodOf } from '../../../shared/domain/report-period';

const WINDOW_DAYS = 30;
const GRID = '#1f2d4a';
const INTAKE_COLOUR = '#3da5ff';
const DONE_COLOUR = '#2ecc71';
/** Hot categories shown: as many bars as carry a label in the wall's type in a third of the screen's height. */
const HOT_SHOWN = 8;
/** Chart text in the wall's type (--t-wall: 1.2 root ems), as SVG needs it: in px. */
const chartText = (rem: number) => 1.2 * rem;

/** The clock moves overdue on without any write: refresh at least once a minute. */
function useMinute(): number {
  const [m, setM] = useState(() => Math.floor(Date.now() / 60_000));
  useEffect(() => {
    const id = setInterval(() => setM(Math.floor(Date.now() / 60_000)), 5_000);
    return () => clearInterval(id);
  }, []);
  return m;
}

/** What the desk may look at instead of the window ending today: the periods reports cover. */
const KPI_SPANS = ['window', 'yesterday', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'] as const;
type KpiSpan = (typeof KPI_SPANS)[number];

function spanPeriod(span: KpiSpan, now: number): { from: string; to: string } | undefined {
  const today = beijingDayOf(now);
  const p =
    span === 'yesterday' ? periodOf('day', addDays(today, -1))
    : span === 'thisWeek' ? periodOf('week', today)
    : span === 'lastWeek' ? periodOf('week', addDays(today, -7))
    : span === 'thisMonth' ? periodOf('month', today)
    : span === 'lastMonth' ? periodOf('month', addDays(`${today.slice(0, 7)}-01`, -1))
    : undefined;
  return p && { from: p.from, to: p.to };
}

const PERIOD_DEF: Partial<Record<MessageKey, MessageKey>> = {
  'def.closedRate': 'def.closedRate.period',
  'def.onTimeRate': 'def.onTimeRate.period',
  'def.satisfactionRate': 'def.satisfactionRate.period',
  'def.returns': 'def.returns.period',
};

type Tile = { key: string; label: MessageKey; def: MessageKey; value: string | number; tone?: 'tile-alert' | 'tile-warn' };

export function KpiWall() {
  const { t, locale, place } = useI18n();
  const minute = useMinute();
  const rem = useRootFontSize();
  const app = useLiveQuery('app.info', {}, []).data;
  const [span, setSpan] = useState<KpiSpan>('window');
  const period = spanPeriod(span, Date.now());
  const kpi = useLiveQuery('kpi.snapshot', { windowDays: WINDOW_DAYS, ...(period ? { period } : {}) }, TICKET_EVENTS, { key: minute, atMostEveryMs: 1000 }).data;
  if (!kpi) return <section className="kpi-wall">{t('wall.loading')}</section>;
  const days = kpi.windowDays;
  // A period asked for on the desk (as a report covers it): the rates, days, categories and ranking are its own.
  const asked = kpi.periodAsked;
  const def = (k: MessageKey): MessageKey => (asked && PERIOD_DEF[k] ? PERIOD_DEF[k]! : k);
  const pct = (r: number | null) => (r === null ? t('kpi.none') : `${(r * 100).toFixed(1)}%`);
  const tiles: Tile[] = [
    { key: 'todayIntake', label: 'kpi.todayIntake', def: 'def.receivedToday', value: kpi.today.intake },
    { key: 'open', label: 'kpi.open', def: 'def.open', value: kpi.open },
    { key: 'overdue', label: 'kpi.overdue', def: 'def.overdue', value: kpi.overdue, tone: kpi.overdue > 0 ? 'tile-alert' : undefined },
    { key: 'dueSoon', label: 'wall.dueSoon', def: 'def.dueSoon', value: kpi.dueSoon, tone: kpi.dueSoon > 0 ? 'tile-warn' : undefined },
    { key: 'closedRate', label: 'kpi.closedRate', def: 'def.closedRate', value: pct(kpi.rates.closedRate) },
    { key: 'onTimeRate', label: 'kpi.onTimeRate', def: 'def.onTimeRate', value: pct(kpi.rates.onTimeRate) },
    { key: 'satisfactionRate', label: 'kpi.satisfactionRate', def: 'def.satisfactionRate', value: pct(kpi.rates.satisfactionRate) },
    { key: 'returns', label: 'kpi.returns', def: 'def.returns', value: kpi.window.returns },
  ];
  const fontSize = chartText(rem);
  const axis = { stroke: '#9fb0d0', fontSize };
  const value = { fill: '#e8eefc', fontSize };
  const hour = new Date(Date.now() + 8 * 3_600_000).getUTCHours();
  const hourly = kpi.hourly.map((n, h) => ({ h: `${h}`, n: h <= hour ? n : null }));
  const daily = kpi.daily.map((d) => ({ day: d.day.slice(5), intake: d.intake, done: d.done }));
  const hot = kpi.hotCategories.slice(0, HOT_SHOWN).map((c) => ({ name: labelOr(locale, `category.${c.category}`, c.category), n: c.intake }));
  const last = daily.length - 1;
  /** Only the latest day's value is written beside a line (thirty labels would cover it). */
  const lastValue = (props: { index?: number; x?: number | string; y?: number | string; value?: unknown }) =>
    props.index === last ? (
      <text x={Number(props.x) + 6} y={Number(props.y)} dy={fontSize * 0.35} {...value} textAnchor="start">
        {String(props.value)}
      </text>
    ) : null;
  return (
    <section className="kpi-wall" aria-label={t('kpi.title')} data-testid="kpi-wall">
      {app?.access === 'desk' && (
        <p className="kpi-span">
          <label>
            {t('kpi.span')}{' '}
            <select value={span} onChange={(e) => setSpan(e.target.value as KpiSpan)} data-testid="kpi-span">
              {KPI_SPANS.map((k) => (
                <option key={k} value={k}>
                  {t(`kpi.span.${k}`, { days: WINDOW_DAYS })}
                </option>
              ))}
            </select>
          </label>
          {asked && <span className="muted" data-testid="kpi-period"> {t('kpi.periodShown', kpi.period)}</span>}
        </p>
      )}
      <div className="kpi-tiles">
        {tiles.map((x) => (
          <div key={x.key} className={`tile ${x.tone ?? ''}`} data-testid={`kpi-${x.key}`}>
            <div className="tile-value">{x.value}</div>
            <div className="tile-label">{t(x.label)}</div>
            <div className="tile-def">{t(def(x.def), { days })}</div>
          </div>
        ))}
      </div>
      <div className="kpi-charts">
        <figure className="kpi-chart" data-testid="kpi-hourly">
          <figcaption>{t('kpi.hourly')}</figcaption>
          <div className="chart-box">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={hourly} margin={{ top: fontSize * 1.4, right: 8, left: 0, bottom: 0 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="h" tick={axis} stroke={GRID} interval={2} />
                <YAxis tick={axis} stroke={GRID} allowDecimals={false} width={fontSize * 2.2} />
                <Bar dataKey="n" name={t('kpi.intake')} fill="#3da5ff" isAnimationActive={false}>
                  <LabelList dataKey="n" position="top" {...value} formatter={(v: unknown) => (v ? String(v) : '')} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure className="kpi-chart" data-testid="kpi-daily">
          <figcaption>
            {asked ? t('kpi.dailyPeriod', kpi.period) : t('kpi.daily', { days })}
            <span className="chart-key">
              <i style={{ background: INTAKE_COLOUR }} />
              {t('kpi.intake')}
              <i style={{ background: DONE_COLOUR }} />
              {t('kpi.done')}
            </span>
          </figcaption>
          <div className="chart-box">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={daily} margin={{ top: fontSize * 0.8, right: fontSize * 2.2, left: 0, bottom: 0 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="day" tick={axis} stroke={GRID} interval={Math.max(0, Math.ceil(daily.length / 6) - 1)} />
                <YAxis tick={axis} stroke={GRID} allowDecimals={false} width={fontSize * 2.2} />
                <Line dataKey="intake" name={t('kpi.intake')} stroke={INTAKE_COLOUR} dot={false} strokeWidth={3} isAnimationActive={false}>
                  <LabelList dataKey="intake" content={lastValue} />
                </Line>
                <Line dataKey="done" name={t('kpi.done')} stroke={DONE_COLOUR} dot={false} strokeWidth={3} isAnimationActive={false}>
                  <LabelList dataKey="done" content={lastValue} />
                </Line>
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure className="kpi-chart" data-testid="kpi-hot">
          <figcaption>{asked ? t('kpi.hotPeriod', { n: HOT_SHOWN }) : t('kpi.hotCategories', { n: HOT_SHOWN })}</figcaption>
          <div className="chart-box">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={hot} layout="vertical" margin={{ top: 0, right: fontSize * 2, left: 0, bottom: 0 }}>
                <CartesianGrid stroke={GRID} horizontal={false} />
                <XAxis type="number" tick={axis} stroke={GRID} allowDecimals={false} hide />
                <YAxis type="category" dataKey="name" tick={axis} stroke={GRID} width={fontSize * (locale === 'en' ? 9 : 5.4)} interval={0} />
                <Bar dataKey="n" name={t('kpi.intake')} fill="#ffb020" isAnimationActive={false}>
                  <LabelList dataKey="n" position="right" {...value} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        {app?.role === 'station' && app.stationCode ? (
          <OwnFigures row={kpi.ranking.find((r) => r.code === app.stationCode)} pct={pct} />
        ) : (
          <figure className="kpi-chart kpi-ranking">
            <figcaption>{asked ? t('kpi.rankingPeriod', kpi.period) : t('kpi.ranking', { days })}</figcaption>
            <table className="ranking" data-testid="kpi-ranking">
              <TableHead columns={['#', 'kpi.subDistrict', 'kpi.open', 'kpi.overdue', 'kpi.intake', 'rank.closedRate', 'rank.onTimeRate', 'rank.satisfactionRate', 'kpi.returns']} />
              <tbody>
                {kpi.ranking.map((r, i) => (
                  <tr key={r.code}>
                    <td>{i + 1}</td>
                    <td>{place(r.code)}</td>
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
