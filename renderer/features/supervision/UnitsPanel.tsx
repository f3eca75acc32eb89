/**
 * 督查意见书 and 移送 from a unit's row: every unit with an overdue ticket now or a return in 30 days (most first,
 * found by name), or a unit opened from the 报表's 承办单位 ranking. A unit's page lists the letters and referrals
 * it already has, its overdue and returned tickets as evidence, and the chair's form: a letter (requirement, reply
 * deadline) or a referral to 区纪委 / 作风办.
 */
import { useEffect, useRef, useState } from 'react';
import type { Registers, UnitEvidence, UnitStanding } from '../../../shared/contract';
import { REFERRAL_OFFICES } from '../../../shared/supervision';
import { translate } from '../../../shared/i18n/catalogue';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { formatDate, fromDateInput, toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { DateField } from '../../app/DateField';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';
import { DataText, OrgName } from '../../app/DataText';
import { organisationEn } from '../../../shared/i18n/organisations';
import { letterState } from './letter-state';
import { OpState, useRegisterOp } from './use-register-op';

type Mode = 'letter' | 'referral';

export function UnitsPanel({ mode, registers, now, focus }: { mode: Mode; registers: Registers; now: number; focus?: string }) {
  const { t } = useI18n();
  const units = useLiveQuery('supervision.units', { windowDays: 30 }, ['tickets.refetch', 'tickets.changed'], { atMostEveryMs: 5000 }).data?.units;
  const [unit, setUnit] = useState<string | undefined>(focus);
  const [find, setFind] = useState('');
  // Followed here, not in the form: the form closes once the hub has the letter; a refusal still shows.
  const op = useRegisterOp();
  // Found by its name in either language (城管局, "Urban Management").
  const q = find.trim().toLowerCase();
  const shown = (units ?? []).filter((u) => u.unit.includes(find.trim()) || (organisationEn(u.unit)?.toLowerCase().includes(q) ?? false));
  const earlier = (name: string) => (mode === 'letter' ? registers.letters : registers.referrals).filter((x) => x.unit === name).length;
  return (
    <section className="sup-units" data-testid={`sup-units-${mode}`}>
      <h3>{t('sup.units')}</h3>
      <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder={t('sup.findUnit')} aria-label={t('sup.findUnit')} data-testid="sup-unit-find" />
      <div className="sup-units-scroll">
        <table className="report-table">
          <TableHead columns={['sup.unit', 'sup.overdueNow', 'sup.returns', 'sup.arbitrary', mode === 'letter' ? 'sup.lettersOfUnit' : 'sup.referralsOfUnit', 'sup.action']} />
          <tbody>
            {units && !shown.length && (
              <tr>
                <td colSpan={6} className="muted">
                  {t(find.trim() ? 'sup.noUnitFound' : 'sup.noUnits')}
                </td>
              </tr>
            )}
            {shown.map((u) => (
              <tr key={u.unit} aria-selected={u.unit === unit} data-unit={u.unit}>
                <td>
                  <OrgName name={u.unit} />
                </td>
                <td className="num">{u.overdue}</td>
                <td className="num">{u.returns}</td>
                <td className="num">{u.arbitrary}</td>
                <td className="num">{earlier(u.unit)}</td>
                <td>
                  <button type="button" onClick={() => setUnit(u.unit)} data-testid={`sup-unit-${mode}`}>
                    {t(mode === 'letter' ? 'sup.issueLetter' : 'sup.refer')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OpState state={op.state} />
      {unit && <UnitPage key={unit} unit={unit} standing={units?.find((u) => u.unit === unit)} mode={mode} registers={registers} now={now} op={op} onDone={() => setUnit(undefined)} />}
    </section>
  );
}

/** A unit's page: what it already has (letters, referrals), then the form. */
function UnitPage({ unit, standing, mode, registers, now, op, onDone }: { unit: string; standing: UnitStanding | undefined; mode: Mode; registers: Registers; now: number; op: ReturnType<typeof useRegisterOp>; onDone: () => void }) {
  const { t, locale } = useI18n();
  // Opened (from the list or from a 报表), the page comes into view.
  const page = useRef<HTMLDivElement>(null);
  // (In braces: this Chromium's scrollIntoView returns a promise, which React would take for a clean-up.)
  useEffect(() => {
    page.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  // The form closes once the hub has the letter or the referral; the page stays, listing it.
  const [writing, setWriting] = useState(true);
  const letters = registers.letters.filter((l) => l.unit === unit);
  const referrals = registers.referrals.filter((r) => r.unit === unit);
  return (
    <div className="sup-unit-page" ref={page} data-testid="sup-unit-page" data-unit={unit}>
      <h3>
        <OrgName name={unit} />{' '}
        <button type="button" onClick={onDone} aria-label={t('sup.closeUnit')} data-testid="sup-unit-close">
          ✕
        </button>
      </h3>
      <p className="small" data-testid="sup-unit-standing">{t('sup.unitStanding', { overdue: standing?.overdue ?? 0, returns: standing?.returns ?? 0, arbitrary: standing?.arbitrary ?? 0 })}</p>
      <p className="small">{letters.length ? t('sup.unitLetters', { n: letters.length, open: letters.filter((l) => l.repliedAt === null).length }) : referrals.length ? null : t('sup.unitNone')}</p>
      <ul className="sup-unit-letters" data-testid="sup-unit-letters">
        {letters.map((l) => {
          const s = letterState(l, now, t, locale);
          return (
            <li key={l.id} className="small">
              <strong>{l.number}</strong> · {formatDate(l.issuedAt, locale)} <span className={`sup-badge ${s.tone}`}>{s.text}</span>
            </li>
          );
        })}
        {referrals.map((r) => (
          <li key={r.id} className="small">
            {t('sup.refer')} → {t(`office.${r.office}`)} · {formatDate(r.sentAt, locale)} <span className={`sup-badge ${r.answeredAt ? 'closed' : 'open'}`}>{r.answeredAt ? t('sup.referralState.answered', { when: formatDate(r.answeredAt, locale) }) : t('sup.referralState.open')}</span>
          </li>
        ))}
      </ul>
      {writing ? (
        <UnitCase unit={unit} mode={mode} op={op} onDone={() => setWriting(false)} />
      ) : (
        <button type="button" onClick={() => setWriting(true)} data-testid="sup-unit-write">
          {t(mode === 'letter' ? 'sup.issueLetter' : 'sup.refer')}
        </button>
      )}
    </div>
  );
}

function UnitCase({ unit, mode, op, onDone }: { unit: string; mode: Mode; op: ReturnType<typeof useRegisterOp>; onDone: () => void }) {
  const { submit, pending, clear } = op;
  const { t, locale } = useI18n();
  const client = useClient();
  const [evidence, setEvidence] = useState<UnitEvidence['evidence']>();
  // The letter is written in Chinese whatever the screen's language.
  const [requirement, setRequirement] = useState(() => translate('zh-CN', 'sup.requirementDefault'));
  const [due, setDue] = useState(() => toDateInput(Date.now() + 7 * 86_400_000));
  const [office, setOffice] = useState<(typeof REFERRAL_OFFICES)[number]>('conduct');
  const [note, setNote] = useState('');
  useEffect(() => {
    let alive = true;
    client.call('supervision.unitEvidence', { unit, windowDays: 30 }).then((e) => alive && setEvidence(e.evidence), reportError);
    return () => {
      alive = false;
    };
  }, [client, unit]);
  if (!evidence) return null;
  // A referral for arbitrary returns carries those; for stalling, the overdue tickets and every return.
  const arbitrary = evidence.filter((e) => e.arbitrary);
  const grounds = arbitrary.length ? 'arbitraryReturns' : 'stalling';
  const used = mode === 'referral' && grounds === 'arbitraryReturns' ? arbitrary : evidence;
  const strip = ({ arbitrary: _a, ...e }: UnitEvidence['evidence'][number]) => e;
  const overdue = used.filter((e) => e.why === 'overdue').length;
  const send = () =>
    mode === 'letter'
      ? submit({ op: 'letterIssue', id: crypto.randomUUID(), unit, tickets: used.map(strip), requirement: requirement.trim(), replyDueAt: fromDateInput(due) })
      : submit({ op: 'referralSend', id: crypto.randomUUID(), unit, office, grounds, evidence: used.map(strip), note: note.trim() });
  return (
    <form
      onChange={clear}
      className="sup-case"
      data-testid={`sup-case-${mode}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send().then((ok) => ok && onDone());
      }}
    >
      <h4 className="wide">{t(mode === 'letter' ? 'sup.issueLetter' : 'sup.refer')}</h4>
      <p className="wide">{used.length ? t('sup.evidence', { n: used.length, overdue, returned: used.length - overdue }) : t('sup.noEvidence')}</p>
      <ul className="wide sup-evidence">
        {used.slice(0, 8).map((e) => (
          <li key={`${e.ticketNo}-${e.at}`} className="small">
            {e.ticketNo} <DataText>{e.summary}</DataText> · {e.why === 'overdue' ? t('sup.overdue') : t(e.reason ? 'sup.returnedOnWhy' : 'sup.returnedOn', { when: formatDate(e.at, locale) })}
            {e.reason && <DataText>{e.reason}</DataText>}
          </li>
        ))}
      </ul>
      {mode === 'letter' ? (
        <>
          <label className="wide">
            {t('sup.requirement')}
            <input value={requirement} onChange={(e) => setRequirement(e.target.value)} data-testid="sup-case-requirement" />
          </label>
          <label>
            {t('sup.replyDue')}
            <DateField value={due} onChange={setDue} testId="sup-case-due" />
          </label>
        </>
      ) : (
        <>
          <label>
            {t('sup.office')}
            <select value={office} onChange={(e) => setOffice(e.target.value as typeof office)} data-testid="sup-case-office">
              {REFERRAL_OFFICES.map((o) => (
                <option key={o} value={o}>
                  {t(`office.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <p>
            {t('sup.grounds')}{t('sup.colon')}{t(`grounds.${grounds}`)}
          </p>
          <label className="wide">
            {t('sup.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </>
      )}
      <div className="wide">
        <button className="primary" disabled={pending || !used.length || (mode === 'letter' && (!requirement.trim() || !due))} data-testid="sup-case-submit">
          {t(mode === 'letter' ? 'sup.issue' : 'sup.send')}
        </button>
        <button type="button" onClick={onDone}>✕</button>
      </div>
    </form>
  );
}
