/** A supervisor's step on a ticket: 一线督查 (notes and up to four photos) or 回访 (the resident's answer). */
import { useState } from 'react';
import { SATISFACTIONS, type Satisfaction } from '../../../shared/domain/ticket';
import type { Person } from '../../../shared/supervision';
import { useI18n } from '../../app/i18n';
import { OpState, useRegisterOp } from './use-register-op';
import { reportError } from '../../app/errors';
import { photoDataUrl } from '../meeting/photo-file';

export function StepForm({ ticketNo, people }: { ticketNo: string; people: readonly Person[] }) {
  const { t, label } = useI18n();
  const [type, setType] = useState<'visit' | 'callBack' | null>(null);
  const [personId, setPersonId] = useState('');
  const [notes, setNotes] = useState('');
  const [satisfaction, setSatisfaction] = useState<Satisfaction>('satisfied');
  const [photos, setPhotos] = useState<string[]>([]);
  const { submit, state, pending, clear } = useRegisterOp();
  const active = people.filter((p) => p.active);
  if (!type) {
    return (
      <div className="sup-step-buttons">
        <button type="button" onClick={() => setType('visit')} data-testid="sup-visit">{t('sup.visit')}</button>
        <button type="button" onClick={() => setType('callBack')} data-testid="sup-callback">{t('sup.callBack')}</button>
        <OpState state={state} />
      </div>
    );
  }
  // What the button waits for, said beside it.
  const missing = !personId ? 'sup.choosePerson' : type === 'visit' && !notes.trim() ? 'sup.notesNeeded' : null;
  const ready = missing === null;
  return (
    <form
      onChange={clear}
      className="sup-step-form"
      data-testid="sup-step-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        const stepId = crypto.randomUUID();
        const op = type === 'visit' ? { op: 'visit' as const, ticketNo, stepId, personId, notes: notes.trim(), photos } : { op: 'callBack' as const, ticketNo, stepId, personId, notes: notes.trim(), satisfaction };
        void submit(op).then((ok) => ok && (setType(null), setNotes(''), setPhotos([])));
      }}
    >
      <label>
        {t('sup.by')}
        <select value={personId} onChange={(e) => setPersonId(e.target.value)} data-testid="sup-step-person">
          <option value="">{t('sup.choose')}</option>
          {active.map((p) => (
            <option key={p.id} value={p.id}>
              {t('sup.personRole', { name: p.name, role: t(`rosterRole.${p.role}`) })}
            </option>
          ))}
        </select>
      </label>
      {type === 'callBack' && (
        <label>
          {t('sup.satisfaction')}
          <select value={satisfaction} onChange={(e) => setSatisfaction(e.target.value as Satisfaction)} data-testid="sup-step-satisfaction">
            {SATISFACTIONS.map((s) => (
              <option key={s} value={s}>
                {label('satisfaction', s)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="wide">
        {t('sup.notes')}
        <input value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="sup-step-notes" />
      </label>
      {type === 'visit' && (
        <div className="wide">
          {t('sup.photos')}{' '}
          {/* The browser's own file button speaks the browser's language: ours, with the file input hidden inside. */}
          <label className="sup-file-button">
            {t('sup.photosChoose')}
            <input type="file" accept="image/jpeg,image/png" multiple hidden onChange={(e) => void Promise.all([...(e.target.files ?? [])].slice(0, 4).map(photoDataUrl)).then(setPhotos, reportError)} data-testid="sup-step-photos" />
          </label>{' '}
          {photos.length > 0 && <span className="small muted">{t('sup.photosChosen', { n: photos.length })}</span>}
        </div>
      )}
      <div className="wide">
        <button className="primary" disabled={pending || !ready} data-testid="sup-step-submit">
          {t('sup.record')} · {t(type === 'visit' ? 'sup.visit' : 'sup.callBack')}
        </button>
        <button type="button" onClick={() => setType(null)}>
          ✕
        </button>
        {missing && !pending && (
          <span className="op-state" data-testid="sup-step-missing">
            {t(missing)}
          </span>
        )}
        <OpState state={state} />
      </div>
    </form>
  );
}
