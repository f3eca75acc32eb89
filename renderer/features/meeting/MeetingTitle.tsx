/** A meeting's title, with its kind unless the title already says it. */
import { Verbatim } from '../../app/DataText';
import type { Meeting } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';

export function MeetingTitle({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const kind = t(`meetingKind.${meeting.kind}`);
  return (
    <h2>
      <Verbatim>{meeting.title}</Verbatim> {!meeting.title.includes(kind) && <span className="muted small">{kind}</span>}
    </h2>
  );
}
