/** The 会商 view: the chair creates or runs the meeting under way; a station takes part in it. */
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { CreateMeeting } from './CreateMeeting';
import { RunMeeting } from './RunMeeting';
import { FollowUpBoard } from './FollowUpBoard';
import { PastMeetings } from './PastMeetings';
import { ReturnsByUnit } from './ReturnsByUnit';
import { StationMeeting } from './StationMeeting';
import { useMeetings } from './use-meetings';

export function MeetingView() {
  const { t } = useI18n();
  const app = useLiveQuery('app.info', {}, []).data;
  const { current, meetings } = useMeetings();
  if (!app) return null;
  if (app.role === 'station') {
    return (
      <div className="meeting-view">
        {current && app.stationCode ? <StationMeeting meeting={current} stationCode={app.stationCode} /> : <p className="meeting-none">{t('meeting.noneStation')}</p>}
        <FollowUpBoard />
      </div>
    );
  }
  return (
    <div className="meeting-view">
      {current ? (
        <RunMeeting meeting={current} />
      ) : (
        <>
          <PastMeetings meetings={meetings} />
          <CreateMeeting />
        </>
      )}
      <FollowUpBoard />
      <ReturnsByUnit />
    </div>
  );
}
