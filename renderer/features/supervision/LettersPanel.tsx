/** 督查意见书: the letters issued, each until the unit's reply is recorded (overdue replies marked), as PDF; and,
 * on the chair's desk, a new one from a unit's row. */
import { useState } from 'react';
import type { Registers } from '../../../shared/contract';
import type { Letter } from '../../../shared/supervision';
import { useClient } from '../../app/client-context';
import { downloadUrl } from '../../app/download-url';
import { reportError } from '../../app/errors';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { OrgName } from '../../app/DataText';
import { letterState } from './letter-state';
import { OpState, useRegisterOp } from './use-register-op';
import { UnitsPanel } from './UnitsPanel';

export function LettersPanel({ registers, now, chair, focusUnit }: { registers: Registers; now: number; chair: boolean; focusUnit?: string }) {
  const { t } = useI18n();
  return (
    <div className="sup-letters">
      <section className="sup-letter-list" data-testid="sup-letters">
        {!registers.letters.length && <p className="muted">{t('sup.noLetters')}</p>}
        {registers.letters.map((l) => (
          <LetterCard key={l.id} l={l} now={now} />
        ))}
      </section>
      {chair && <UnitsPanel mode="letter" registers={registers} now={now} focus={focusUnit} />}
    </div>
  );
}

function LetterCard({ l, now }: { l: Letter; now: number }) {
  const { t, locale, place } = useI18n();
  const client = useClient();
  const [reply, setReply] = useState('');
  const { submit, state, pending, clear } = useRegisterOp();
  const s = letterState(l, now, t, locale);
  const overdue = l.tickets.filter((x) => x.why === 'overdue').length;
  const download = async () => {
    try {
      const f = await client.call('supervision.letterFile', { id: l.id });
      const a = document.createElement('a');
      a.href = downloadUrl(f);
      a.download = f.name;
      a.click();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <article className={`sup-card ${s.tone}`} data-testid="sup-letter" data-replied={l.repliedAt !== null}>
      <header>
        <strong>{l.number}</strong> <OrgName name={l.unit} />
        <span className={`sup-badge ${s.tone}`}>{s.text}</span>
      </header>
      <p className="small muted">
        {l.subDistrictCode ? place(l.subDistrictCode) : t('sup.district')} · {formatDate(l.issuedAt, locale)} · {t('sup.evidence', { n: l.tickets.length, overdue, returned: l.tickets.length - overdue })}
      </p>
      <p className="small">{l.requirement}</p>
      {l.reply && <p className="small">{t('sup.reply')}{t('sup.colon')}{l.reply}</p>}
      <div className="sup-next" onChange={clear}>
        <button type="button" onClick={() => void download()} data-testid="sup-letter-pdf">{t('sup.downloadLetter')}</button>
        {l.repliedAt === null && (
          <>
            <input value={reply} onChange={(e) => setReply(e.target.value)} placeholder={t('sup.reply')} aria-label={t('sup.reply')} data-testid="sup-letter-reply" />
            <button type="button" className="primary" disabled={pending || !reply.trim()} onClick={() => void submit({ op: 'letterReply', id: l.id, reply: reply.trim() })} data-testid="sup-letter-record">
              {t('sup.recordReply')}
            </button>
          </>
        )}
        <OpState state={state} />
      </div>
    </article>
  );
}
