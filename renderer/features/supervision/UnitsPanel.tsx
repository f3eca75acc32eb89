/**
 * 督查意见书 and 移送 from a unit's row: the units by their returns (近 30 天, arbitrary ones named) — the ranking the
 * KPI wall shows — and, for the unit chosen, its overdue and returned tickets as evidence; the chair writes a
 * letter (requirement, reply deadline) or refers the case to 区纪委 / 作风办.
 */
import { useEffect, useState } from 'react';
import type { UnitEvidence } from '../../../shared/contract';
import { REFERRAL_OFFICES } from '../../../shared/supervision';
import { translate } from '../../../shared/i18n/catalogue';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { formatDate, fromDateInput, toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';
import { OpState, useRegisterOp } from './use-register-op';

export function UnitsPanel({ mode }: { mode: 'letter' | 'referral' }) {
  const { t } = useI18n();
  const units = useLiveQuery('kpi.returnsByUnit', { windowDays: 30 }, ['tickets.refetch']).data?.units ?? [];
  const [unit, setUnit] = useState<string>();
  // Followed here, not in the form: the form closes once the letter is in the outbox; a refusal still shows.
  const op = useRegisterOp();
  return (
    <section className="sup-units" data-testid={`sup-units-${mode}`}>
      <h3>{t('sup.units')}</h3>
      <table className="report-table">
        <TableHead columns={['sup.unit', 'sup.returns', 'sup.arbitrary', '']} />
        <tbody>
          {units.slice(0, 12).map((u) => (
            <tr key={u.unit} aria-selected={u.unit === unit}>
              <td>{u.unit}</td>
              <td className="num">{u.returns}</td>
              <td className="num">{u.arbitrary}</td>
              <td>
                <button type="button" onClick={() => setUnit(u.unit)} data-testid={`sup-unit-${mode}`}>
                  {t(mode === 'letter' ? 'sup.issueLetter' : 'sup.refer')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <OpState state={op.state} />
      {unit && <UnitCase key={unit} unit={unit} mode={mode} submit={op.submit} onDone={() => setUnit(undefined)} />}
    </section>
  );
}

function UnitCase({ unit, mode, submit, onDone }: { unit: string; mode: 'letter' | 'referral'; submit: ReturnType<typeof useRegisterOp>['submit']; onDone: () => void }) {
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
      className="sup-case"
      data-testid={`sup-case-${mode}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send().then((ok) => ok && onDone());
      }}
    >
      <h3 className="wide">
        {unit} · {t(mode === 'letter' ? 'sup.issueLetter' : 'sup.refer')}
      </h3>
      <p className="wide">{used.length ? t('sup.evidence', { n: used.length, overdue, returned: used.length - overdue }) : t('sup.noEvidence')}</p>
      <ul className="wide sup-evidence">
        {used.slice(0, 8).map((e) => (
          <li key={`${e.ticketNo}-${e.at}`} className="small">
            {e.ticketNo} {e.summary} · {e.why === 'overdue' ? t('sup.overdue') : `${t('sup.returns')} ${formatDate(e.at, locale)}${e.reason ? `：${e.reason}` : ''}`}
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
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
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
            {t('sup.grounds')}：{t(`grounds.${grounds}`)}
          </p>
          <label className="wide">
            {t('sup.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </>
      )}
      <div className="wide">
        <button className="primary" disabled={!used.length || (mode === 'letter' && !requirement.trim())} data-testid="sup-case-submit">
          {t(mode === 'letter' ? 'sup.issue' : 'sup.send')}
        </button>
        <button type="button" onClick={onDone}>✕</button>
      </div>
    </form>
  );
}
