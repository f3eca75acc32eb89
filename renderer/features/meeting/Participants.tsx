/** Who takes part: each invited station present or not and its roll-call answer; departments and deputies. */
import { OrgNames } from '../../app/DataText';
import type { Meeting } from '../../../shared/contract';

import { useI18n } from '../../app/i18n';

export function Participants({ meeting }: { meeting: Meeting }) {
  const { t, place } = useI18n();
  return (
    <aside className="participants" data-testid="participants">
      <h3>{t('meeting.participants')}</h3>
      <ul>
        {meeting.attendance.map((a) => (
          <li key={a.stationCode} data-code={a.stationCode} data-present={a.present}>
            <i className={`presence ${a.present ? 'on' : 'off'}`} />
            {place(a.stationCode)}
            <span className="muted small">{a.present ? t('meeting.present') : t('meeting.absent')}</span>
            {meeting.links.some((l) => l.stationCode === a.stationCode && l.endedAt === null && l.live) && (
              <span
                className="small live-mark"
                data-testid="participant-live"
                title={t('link.liveFrom', { via: t(meeting.links.some((l) => l.stationCode === a.stationCode && l.endedAt === null && l.live && l.via === 'phone') ? 'link.viaPhone' : 'link.viaConsole') })}
              >
                {t('link.liveShort')}
              </span>
            )}
            {meeting.rollCallAt !== null && (
              <span className={`rollcall ${a.answeredRollCallAt ? 'ok' : ''}`} data-testid="rollcall-state">
                {a.answeredRollCallAt ? t('meeting.rollCallAnswered') : t('meeting.rollCallWaiting')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {meeting.invitees.departments.length > 0 && (
        <p className="small">
          <OrgNames names={meeting.invitees.departments} />
        </p>
      )}
      {meeting.invitees.deputies.length > 0 && (
        <p className="small">
          <OrgNames names={meeting.invitees.deputies} />
        </p>
      )}
    </aside>
  );
}
