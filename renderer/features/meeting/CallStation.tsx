/**
 * 呼叫 the current ticket's sub-district, and how the call stands: a station that is not on line cannot be
 * called (the button says so); a call rings until 收到 — or, once the ring time is up or the station's link
 * went, says 未应答 (the chair may call again).
 */
import type { Meeting } from '../../../shared/contract';
import { callState } from '../../../shared/domain/call-state';

import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useNow } from '../../app/use-link-state';
import { secondsBetween } from './use-meetings';

/** When this page first saw each call: the ring time runs from the later of that and the hub's calledAt, so a
 * console whose clock is ahead of the hub's does not say 未应答 before the station's screen has rung. */
const firstSeen = new Map<string, number>();
const seenAt = (id: string, now: number) => {
  if (!firstSeen.has(id)) firstSeen.set(id, now);
  return firstSeen.get(id)!;
};

export function CallStation({ meeting, station, ticketNo }: { meeting: Meeting; station: string; ticketNo: string }) {
  const { t, place } = useI18n();
  const client = useClient();
  const now = useNow(1000);
  const present = meeting.attendance.some((a) => a.stationCode === station && a.present);
  const call = [...meeting.calls].reverse().find((c) => c.ticketNo === ticketNo && c.stationCode === station);
  const state = call && callState({ calledAt: Math.max(call.calledAt, seenAt(call.id, Date.now())), answeredAt: call.answeredAt }, present, now);
  const name = place(station, true);
  return (
    <div className="call-row">
      <button className="call" disabled={!present} onClick={() => client.call('meetings.act', { op: 'call', meetingId: meeting.id, stationCode: station, ticketNo }).catch(reportError)} data-testid="meeting-call">
        {t('meeting.call', { name: place(station) })}
      </button>
      {!present && (
        <span className="call-state offline" data-testid="call-offline">
          {t('meeting.callOffline', { name })}
        </span>
      )}
      {call && state && (
        <span className={`call-state ${state}`} data-testid="call-state" data-state={state}>
          {state === 'answered'
            ? t('meeting.answered', { answer: call.answer ?? '', seconds: secondsBetween(call.calledAt, call.answeredAt!) })
            : state === 'ringing'
              ? `${t('meeting.callText', { name })} ${t('meeting.calling')}`
              : t('meeting.unanswered', { name })}
        </span>
      )}
    </div>
  );
}
