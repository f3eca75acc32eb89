/**
 * 督办台账: per deputy and work group, the tickets they supervise until the loop is closed (the ticket closed and
 * their call-back satisfied), overdue ones first; each with the supervisor's own steps (一线督查, 回访) and the
 * forms to record them; naming a supervisor for a ticket; the hard problems closed by period.
 */
import { useState } from 'react';
import type { Registers, SupervisedTicket } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';
import { formatDate, formatTime } from '../../app/format';
import { useLiveQuery } from '../../app/use-live-query';
import { boardsBySupervisor, closedByPeriod, keyRef, refKey, supervisorChoices } from './supervision-logic';
import { useSupervisorName } from './SupervisorName';
import { StepForm } from './StepForm';
import { OpState, useRegisterOp } from './use-register-op';
import { VisitPhotos } from './VisitPhotos';

export function SupervisionBoard({ registers, now }: { registers: Registers; now: number }) {
  const { t } = useI18n();
  const name = useSupervisorName(registers.people);
  const boards = boardsBySupervisor(registers.supervised);
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = chosen ? boards.filter((b) => b.key === chosen) : boards;
  const closed = closedByPeriod(registers.supervised, now);
  return (
    <div className="sup-board" data-testid="sup-board">
      <aside className="sup-side">
        <p className="sup-closed" data-testid="sup-closed">{t('sup.closedHard', closed)}</p>
        <AssignSupervisor registers={registers} />
        <h3>{t('sup.supervisors')}</h3>
        <ul className="sup-list">
          <li>
            <button type="button" aria-pressed={chosen === null} onClick={() => setChosen(null)}>
              {t('sup.all')}
            </button>
          </li>
          {boards.map((b) => (
            <li key={b.key}>
              <button type="button" aria-pressed={chosen === b.key} onClick={() => setChosen(b.key)} data-testid="sup-supervisor">
                <span>{name(keyRef(b.key)!)}</span>
                <span className={`muted small ${b.overdue ? 'sup-late' : ''}`}>{t('sup.counts', { open: b.open, overdue: b.overdue, closed: b.closed })}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="sup-main">
        {!registers.supervised.length && <p className="muted">{t('sup.none')}</p>}
        {shown.map((b) => (
          <section key={b.key} className="sup-group" aria-label={name(keyRef(b.key)!)}>
            <h3>
              {name(keyRef(b.key)!)} <span className="muted small">{t('sup.counts', { open: b.open, overdue: b.overdue, closed: b.closed })}</span>
            </h3>
            {b.items.map((s) => (
              <SupervisedCard key={s.id} s={s} registers={registers} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

function SupervisedCard({ s, registers }: { s: SupervisedTicket; registers: Registers }) {
  const { t, locale, label, place } = useI18n();
  const state = s.closedLoop ? 'closed' : s.overdue ? 'late' : 'open';
  const who = (id: string) => registers.people.find((p) => p.id === id)?.name ?? '—';
  return (
    <article className={`sup-card ${state}`} data-testid="sup-card" data-ticket={s.id} data-state={state}>
      <header>
        <span className="sup-ticket">{s.id}</span>
        <span className={`sup-badge ${state}`}>{t(state === 'closed' ? 'sup.closedLoop' : state === 'late' ? 'sup.overdue' : 'sup.open')}</span>
        <span className="muted">{place(s.subDistrictCode)}</span>
        {s.ticket && (
          <span className="muted">
            {label('status', s.ticket.status)} · {t('sup.deadline')} {formatDate(s.ticket.deadlineAt, locale)}
          </span>
        )}
      </header>
      <p className="sup-summary">{s.ticket?.summary ?? '—'}</p>
      {!s.steps.length && <p className="small muted">{t('sup.noSteps')}</p>}
      <ol className="sup-steps" aria-label={t('sup.steps')}>
        {s.steps.map((x) => (
          <li key={x.id} data-testid="sup-step" data-type={x.type}>
            {t('sup.stepLine', { when: `${formatDate(x.at, locale)} ${formatTime(x.at)}`, type: t(x.type === 'visit' ? 'sup.visit' : 'sup.callBack'), who: who(x.personId), notes: [x.satisfaction ? label('satisfaction', x.satisfaction) : '', x.notes].filter(Boolean).join(t('sup.listJoin')) })}
            {x.photoIds.length > 0 && <VisitPhotos ids={x.photoIds} />}
          </li>
        ))}
      </ol>
      {!s.closedLoop && <StepForm ticketNo={s.id} people={registers.people} />}
    </article>
  );
}

function AssignSupervisor({ registers }: { registers: Registers }) {
  const { t } = useI18n();
  const name = useSupervisorName(registers.people);
  const [ticketNo, setTicketNo] = useState('');
  const [key, setKey] = useState('');
  const { submit, state, pending, clear } = useRegisterOp();
  const ref = keyRef(key);
  // The hard tickets (疑难, 三跨, warned, overdue) not yet supervised, offered as the number is typed.
  const hard = useLiveQuery('meetings.suggestAgenda', { limit: 50 }, ['tickets.refetch'], { atMostEveryMs: 5000 }).data?.items ?? [];
  const supervised = new Set(registers.supervised.map((x) => x.id));
  // A ticket already supervised: by the one chosen (nothing to do), or by another (assigning hands it over).
  const current = registers.supervised.find((x) => x.id === ticketNo.trim());
  const same = current !== undefined && !!ref && refKey(current.supervisor) === refKey(ref);
  return (
    <form
      onChange={clear}
      className="sup-assign"
      data-testid="sup-assign"
      onSubmit={(e) => {
        e.preventDefault();
        if (ref && ticketNo.trim()) void submit({ op: 'supervise', ticketNo: ticketNo.trim(), supervisor: ref }).then((ok) => ok && setTicketNo(''));
      }}
    >
      <h3>{t('sup.assign')}</h3>
      <label>
        {t('sup.ticketNo')}
        <input value={ticketNo} onChange={(e) => setTicketNo(e.target.value)} list="sup-hard-tickets" data-testid="sup-assign-ticket" />
        <datalist id="sup-hard-tickets">
          {hard.filter((h) => !supervised.has(h.ticketNo)).map((h) => (
            <option key={h.ticketNo} value={h.ticketNo}>
              {h.summary}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t('sup.supervisor')}
        <select value={key} onChange={(e) => setKey(e.target.value)} data-testid="sup-assign-who">
          <option value="">{t('sup.choose')}</option>
          {supervisorChoices(registers.people).map((c) => (
            <option key={c.key} value={c.key}>
              {name(keyRef(c.key)!)}
            </option>
          ))}
        </select>
      </label>
      <button className="primary" disabled={pending || !ref || !ticketNo.trim() || same} data-testid="sup-assign-submit">
        {t('sup.assign')}
      </button>
      {current && (
        <span className="op-state" data-testid="sup-assign-current">
          {t(same ? 'sup.alreadyBy' : 'sup.nowBy', { who: name(current.supervisor) })}
        </span>
      )}
      <OpState state={state} />
    </form>
  );
}

export { refKey };
