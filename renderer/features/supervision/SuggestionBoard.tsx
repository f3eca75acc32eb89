/**
 * 代表建议: a column per stage, 提 → 交 → 落 → 回, each card with its deputy, its unit and deadline, the days at its
 * stage, and the step that moves it on (交: a lead unit and a deadline; 落: what the unit did; 回: the deputy's
 * evaluation — 不满意 sends it back to 交). A new suggestion is entered by the station's staff (or the chair).
 */
import { useState } from 'react';
import type { Registers } from '../../../shared/contract';
import { SATISFACTIONS, type Satisfaction } from '../../../shared/domain/ticket';
import { SUGGESTION_STAGES, type Suggestion } from '../../../shared/supervision';
import { formatDate, fromDateInput, toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { DateField } from '../../app/DateField';
import { reopenCount, stageAgeDays } from './supervision-logic';
import { OpState, useRegisterOp } from './use-register-op';

export function SuggestionBoard({ registers, now }: { registers: Registers; now: number }) {
  const { t } = useI18n();
  return (
    <div className="sup-suggestions">
      <NewSuggestion registers={registers} />
      <div className="sup-columns" data-testid="sup-suggestions">
        {SUGGESTION_STAGES.map((stage) => {
          const items = registers.suggestions.filter((s) => s.stage === stage);
          return (
            <section key={stage} className="sup-column" data-stage={stage} aria-label={t(`sup.stage.${stage}`)}>
              <h3>
                {t(`sup.stage.${stage}`)} <span className="muted">{items.length}</span>
              </h3>
              {items.map((s) => (
                <SuggestionCard key={s.id} s={s} registers={registers} now={now} />
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function SuggestionCard({ s, registers, now }: { s: Suggestion; registers: Registers; now: number }) {
  const { t, locale, label, place } = useI18n();
  const deputy = registers.people.find((p) => p.id === s.deputyId);
  const reopened = reopenCount(s);
  const late = s.stage === 'assigned' && s.deadlineAt !== null && s.deadlineAt < now;
  return (
    <article className={`sup-card ${late ? 'late' : ''}`} data-testid="sup-suggestion" data-stage={s.stage}>
      <header>
        <strong>{s.title}</strong>
      </header>
      <p className="muted small">
        {deputy?.name ?? '—'} · {s.subDistrictCode ? place(s.subDistrictCode) : t('sup.district')} · {t('sup.stageAge', { n: stageAgeDays(s, now) })}
      </p>
      {s.content && <p className="sup-summary">{s.content}</p>}
      {s.leadUnit && (
        <p className="small">
          {t('sup.leadUnit')}{t('sup.colon')}{s.leadUnit}
          {s.deadlineAt !== null && ` · ${t('sup.deadline')} ${formatDate(s.deadlineAt, locale)}`}
          {late && <span className="sup-badge late"> {t('sup.overdue')}</span>}
        </p>
      )}
      {s.doneReport && <p className="small">{t('sup.report')}{t('sup.colon')}{s.doneReport}</p>}
      {s.evaluation && <p className="small">{t('sup.evaluation')}{t('sup.colon')}{label('satisfaction', s.evaluation)}</p>}
      {reopened > 0 && <p className="small sup-late">{t('sup.reopened', { n: reopened })}</p>}
      {s.stage !== 'answered' && <NextStep s={s} />}
    </article>
  );
}

function NextStep({ s }: { s: Suggestion }) {
  const { t, label } = useI18n();
  const [unit, setUnit] = useState(s.leadUnit ?? '');
  const [deadline, setDeadline] = useState(() => toDateInput(s.deadlineAt !== null && s.deadlineAt > Date.now() ? s.deadlineAt : Date.now() + 30 * 86_400_000));
  const [text, setText] = useState('');
  const [evaluation, setEvaluation] = useState<Satisfaction>('satisfied');
  const { submit, state, pending, clear } = useRegisterOp();
  const go = () => {
    if (s.stage === 'submitted') return submit({ op: 'suggestionAssign', id: s.id, leadUnit: unit.trim(), deadlineAt: fromDateInput(deadline) });
    if (s.stage === 'assigned') return submit({ op: 'suggestionDone', id: s.id, report: text.trim() });
    return submit({ op: 'suggestionAnswer', id: s.id, evaluation, note: text.trim() });
  };
  return (
    <form
      onChange={clear}
      className="sup-next"
      onSubmit={(e) => {
        e.preventDefault();
        void go().then((ok) => ok && setText(''));
      }}
    >
      {s.stage === 'submitted' && (
        <>
          <input value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t('sup.leadUnit')} aria-label={t('sup.leadUnit')} data-testid="sup-next-unit" />
          <DateField value={deadline} onChange={setDeadline} label={t('sup.deadline')} testId="sup-next-deadline" />
          <button className="primary" disabled={pending || !unit.trim() || !deadline} data-testid="sup-next">{t('sup.doAssign')}</button>
        </>
      )}
      {s.stage === 'assigned' && (
        <>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('sup.report')} aria-label={t('sup.report')} data-testid="sup-next-text" />
          <button className="primary" disabled={pending || !text.trim()} data-testid="sup-next">{t('sup.doDone')}</button>
          {/* Assigned again (another unit, a new deadline): what a reopened suggestion needs. */}
          <span className="small muted sup-reassign-label">{t('sup.reassign')}</span>
          <input value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t('sup.leadUnit')} aria-label={t('sup.leadUnit')} data-testid="sup-reassign-unit" />
          <DateField value={deadline} onChange={setDeadline} label={t('sup.deadline')} testId="sup-reassign-deadline" />
          <button type="button" disabled={pending || !unit.trim() || !deadline} onClick={() => void submit({ op: 'suggestionAssign', id: s.id, leadUnit: unit.trim(), deadlineAt: fromDateInput(deadline) })} data-testid="sup-reassign">
            {t('sup.doAssign')}
          </button>
        </>
      )}
      {s.stage === 'done' && (
        <>
          <select value={evaluation} onChange={(e) => setEvaluation(e.target.value as Satisfaction)} aria-label={t('sup.evaluation')} data-testid="sup-next-evaluation">
            {SATISFACTIONS.map((x) => (
              <option key={x} value={x}>
                {label('satisfaction', x)}
              </option>
            ))}
          </select>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('sup.note')} aria-label={t('sup.note')} />
          <button className="primary" disabled={pending} data-testid="sup-next">{t('sup.doAnswer')}</button>
        </>
      )}
      <OpState state={state} />
    </form>
  );
}

function NewSuggestion({ registers }: { registers: Registers }) {
  const { t } = useI18n();
  const deputies = registers.people.filter((p) => p.active && p.role === 'deputy');
  const [deputyId, setDeputyId] = useState('');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const { submit, state, pending, clear } = useRegisterOp();
  return (
    <form
      onChange={clear}
      className="sup-new"
      data-testid="sup-new-suggestion"
      onSubmit={(e) => {
        e.preventDefault();
        const deputy = deputies.find((d) => d.id === deputyId);
        if (!deputy || !title.trim()) return;
        void submit({ op: 'suggestionSubmit', id: crypto.randomUUID(), deputyId, title: title.trim(), content: content.trim(), subDistrictCode: deputy.subDistrictCode }).then((ok) => ok && (setTitle(''), setContent('')));
      }}
    >
      <h3 className="wide">{t('sup.newSuggestion')}</h3>
      <label>
        {t('sup.deputy')}
        <select value={deputyId} onChange={(e) => setDeputyId(e.target.value)} data-testid="sup-new-deputy">
          <option value="">{t('sup.choose')}</option>
          {deputies.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        {!deputies.length && (
          <span className="small muted" data-testid="sup-new-no-deputy">
            {t('sup.noDeputies')}
          </span>
        )}
      </label>
      <label>
        {t('sup.titleField')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="sup-new-title" />
      </label>
      <label className="wide">
        {t('sup.content')}
        <input value={content} onChange={(e) => setContent(e.target.value)} data-testid="sup-new-content" />
      </label>
      <div className="wide">
        <button className="primary" disabled={pending || !deputyId || !title.trim()} data-testid="sup-new-submit">{t('sup.newSuggestion')}</button>
        <OpState state={state} />
      </div>
    </form>
  );
}
