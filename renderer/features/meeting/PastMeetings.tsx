/** Meetings that have ended (the last few), each with its minutes. */
import { Verbatim } from '../../app/DataText';
import type { Meeting } from '../../../shared/contract';
import { formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { MinutesButton } from './MinutesButton';

export function PastMeetings({ meetings }: { meetings: Meeting[] }) {
  const { t } = useI18n();
  const ended = meetings.filter((m) => m.endedAt !== null).slice(0, 5);
  if (!ended.length) return null;
  return (
    <section className="past-meetings" data-testid="past-meetings">
      <h3>{t('meeting.past')}</h3>
      <ul>
        {ended.map((m) => (
          <li key={m.id} data-meeting-id={m.id}>
            <Verbatim>{m.title}</Verbatim>
            <span className="muted small">
              {formatDay(m.createdAt)} · {t('meeting.pastSummary', { items: m.agenda.length, decided: m.decisions.length })}
            </span>
            <MinutesButton meetingId={m.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
