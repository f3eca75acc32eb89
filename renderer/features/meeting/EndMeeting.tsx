/** 结束会商, with a confirm step on the screen: ending is final (no more calls, roll-calls or decisions). */
import { useState } from 'react';
import type { Meeting } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function EndMeeting({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const undecided = meeting.agenda.filter((a) => !meeting.decisions.some((d) => d.ticketNo === a.ticketNo)).length;
  if (!asking) {
    return (
      <button className="danger" onClick={() => setAsking(true)} data-testid="meeting-end">
        {t('meeting.end')}
      </button>
    );
  }
  return (
    <span className="end-confirm" role="alertdialog" aria-label={t('meeting.endConfirmTitle')} data-testid="meeting-end-confirm">
      <span className="end-confirm-text">
        <span>{t('meeting.endConfirmTitle')}</span>
        {undecided > 0 && <span>{t('meeting.endConfirmUndecided', { n: undecided })}</span>}
      </span>
      <button className="danger" onClick={() => client.call('meetings.act', { op: 'end', meetingId: meeting.id }).catch(reportError)} data-testid="meeting-end-yes">
        {t('meeting.endConfirm')}
      </button>
      <button onClick={() => setAsking(false)} data-testid="meeting-end-no">
        {t('meeting.endCancel')}
      </button>
    </span>
  );
}
