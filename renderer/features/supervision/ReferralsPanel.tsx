/** 移送: cases referred to 区纪委 or 作风办 with their evidence, each until the office's answer is recorded. */
import { useState } from 'react';
import type { Registers } from '../../../shared/contract';
import type { Referral } from '../../../shared/supervision';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { OrgName } from '../../app/DataText';
import { OpState, useRegisterOp } from './use-register-op';
import { UnitsPanel } from './UnitsPanel';

export function ReferralsPanel({ registers, now, chair }: { registers: Registers; now: number; chair: boolean }) {
  const { t } = useI18n();
  return (
    <div className="sup-letters">
      <section className="sup-letter-list" data-testid="sup-referrals">
        {!registers.referrals.length && <p className="muted">{t('sup.noReferrals')}</p>}
        {registers.referrals.map((r) => (
          <ReferralCard key={r.id} r={r} chair={chair} />
        ))}
      </section>
      {chair && <UnitsPanel mode="referral" registers={registers} now={now} />}
    </div>
  );
}

function ReferralCard({ r, chair }: { r: Referral; chair: boolean }) {
  const { t, locale } = useI18n();
  const [answer, setAnswer] = useState('');
  const { submit, state, pending, clear } = useRegisterOp();
  return (
    <article className={`sup-card ${r.answeredAt ? 'closed' : 'open'}`} data-testid="sup-referral">
      <header>
        <strong><OrgName name={r.unit} /></strong> → {t(`office.${r.office}`)} · {t(`grounds.${r.grounds}`)} · {formatDate(r.sentAt, locale)}
        <span className={`sup-badge ${r.answeredAt ? 'closed' : 'open'}`}>{r.answeredAt ? t('sup.referralState.answered', { when: formatDate(r.answeredAt, locale) }) : t('sup.referralState.open')}</span>
      </header>
      <ul className="sup-evidence">
        {r.evidence.slice(0, 6).map((e) => (
          <li key={`${e.ticketNo}-${e.at}`} className="small">
            {e.ticketNo} {e.summary} · {formatDate(e.at, locale)}
            {e.reason ? `：${e.reason}` : ''}
          </li>
        ))}
      </ul>
      {r.answer && <p className="small">{t('sup.answer')}{t('sup.colon')}{r.answer}</p>}
      {chair && r.answeredAt === null && (
        <div className="sup-next" onChange={clear}>
          <input value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('sup.answer')} aria-label={t('sup.answer')} />
          <button type="button" className="primary" disabled={pending || !answer.trim()} onClick={() => void submit({ op: 'referralAnswer', id: r.id, answer: answer.trim() })}>
            {t('sup.recordAnswer')}
          </button>
          <OpState state={state} />
        </div>
      )}
    </article>
  );
}
