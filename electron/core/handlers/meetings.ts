import type { LiandongContract } from '../../../shared/contract';
import type { Handlers } from '../../../shared/rpc/define';
import type { MeetingService } from '../meetings/meeting-service';

type MeetingMethods = 'meetings.list' | 'meetings.suggestAgenda' | 'meetings.act' | 'meetings.decide' | 'meetings.photo' | 'meetings.minutes' | 'meetings.followUps';

export function meetingHandlers(m: MeetingService, stationCode: string | null): Pick<Handlers<LiandongContract>, MeetingMethods> {
  return {
    'meetings.list': async () => ({ meetings: await m.list() }),
    'meetings.suggestAgenda': async ({ limit }) => ({ items: await m.suggestAgenda(limit) }),
    'meetings.act': (request) => m.act(request),
    'meetings.decide': (request) => m.decide(request),
    'meetings.photo': ({ meetingId, photoId }) => m.photo(meetingId, photoId),
    'meetings.minutes': ({ meetingId }) => m.minutes(meetingId),
    'meetings.followUps': async () => ({ items: await m.followUps(stationCode) }),
  };
}
