/**
 * Before a change that reaches tickets is applied (the warning rule, the escalation rules): what it would do
 * now — warnings raised or cleared, tickets escalated, as the core's preview counts them — and 确认应用 / 取消.
 * 取消 changes nothing.
 */
import type { SettingsPreview } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';

const LISTED = 8;

export function ConfirmChange({ preview, error, onApply, onCancel }: { preview: SettingsPreview | undefined; error: string | null; onApply: () => void; onCancel: () => void }) {
  const { t, label, placeOf } = useI18n();
  const nothing = preview && !preview.warningsRaisedTotal && !preview.warningsCleared && !preview.escalationsTotal;
  return (
    <div className="settings-confirm" role="alertdialog" aria-label={t('settings.confirmTitle')} data-testid="settings-confirm">
      <h3>{t('settings.confirmTitle')}</h3>
      {!preview && !error && <p className="muted">{t('settings.previewing')}</p>}
      {nothing && <p data-testid="confirm-nothing">{t('settings.confirmNothing')}</p>}
      {preview && preview.warningsRaisedTotal > 0 && (
        <>
          <p className="confirm-consequence" data-testid="confirm-warnings">
            {t('settings.confirmWarnings', { n: preview.warningsRaisedTotal })}
          </p>
          <ul className="confirm-list">
            {preview.warningsRaised.slice(0, LISTED).map((w) => (
              <li key={`${w.category}:${w.placeCode}`}>{t('settings.warningItem', { place: placeOf(w.placeCode), category: label('category', w.category), n: w.count })}</li>
            ))}
            {preview.warningsRaisedTotal > LISTED && <li className="muted">{t('settings.confirmMore', { n: preview.warningsRaisedTotal })}</li>}
          </ul>
        </>
      )}
      {preview && preview.warningsCleared > 0 && (
        <p className="confirm-consequence" data-testid="confirm-cleared">
          {t('settings.confirmCleared', { n: preview.warningsCleared })}
        </p>
      )}
      {preview && preview.escalationsTotal > 0 && (
        <>
          <p className="confirm-consequence" data-testid="confirm-escalations">
            {t('settings.confirmEscalations', { n: preview.escalationsTotal })}
          </p>
          <ul className="confirm-list" data-testid="confirm-escalation-list">
            {preview.escalations.slice(0, LISTED).map((e) => (
              <li key={e.ticketNo} data-ticket-no={e.ticketNo}>
                {t('settings.escalationItem', { ticketNo: e.ticketNo, summary: e.summary, from: t(`whistle.${e.from}`), to: t(`whistle.${e.to}`), reasons: e.reasons.map((r) => t(`escalation.${r}`)).join(t('list.separator')) })}
              </li>
            ))}
            {preview.escalationsTotal > LISTED && <li className="muted">{t('settings.confirmMore', { n: preview.escalationsTotal })}</li>}
          </ul>
          <p className="muted">{t('settings.confirmEscalationNote')}</p>
        </>
      )}
      {error && (
        <p className="setting-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div className="settings-row">
        <button type="button" className="primary" disabled={!preview} onClick={onApply} data-testid="settings-confirm-apply">
          {t('settings.confirmApply')}
        </button>
        <button type="button" onClick={onCancel} data-testid="settings-confirm-cancel">
          {t('settings.confirmCancel')}
        </button>
      </div>
    </div>
  );
}
