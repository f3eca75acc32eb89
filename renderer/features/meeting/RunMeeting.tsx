/**
 * The chair's meeting screen: the agenda (click an item: it becomes current on every screen), the current
 * ticket with the call to its sub-district and the answer's latency, reports from the site, the decision;
 * participants with presence and roll-call.
 */
import { TICKET_EVENTS } from '../../app/ticket-events';
import { DataText } from '../../app/DataText';
import type { Meeting } from '../../../shared/contract';

import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { MeetingTitle } from './MeetingTitle';
import { useLiveQuery } from '../../app/use-live-query';
import { DecisionForm } from './DecisionForm';
import { MinutesButton } from './MinutesButton';
import { Participants } from './Participants';
import { SiteReports } from './SiteReports';
import { AddByNumber } from './AddByNumber';
import { AgendaTicket } from './AgendaTicket';
import { CallStation } from './CallStation';
import { EndMeeting } from './EndMeeting';
import { LiveTiles } from '../live-link/LiveTiles';
import { OpenLink } from '../live-link/OpenLink';

export function RunMeeting({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const client = useClient();
  const act = (op: Parameters<typeof client.call<'meetings.act'>>[1]) => client.call('meetings.act', op).catch(reportError);
  const item = meeting.current !== null ? meeting.agenda[meeting.current] : undefined;
  return (
    <div className="meeting" data-testid="meeting-run" data-meeting-id={meeting.id}>
      <header className="meeting-head">
        <MeetingTitle meeting={meeting} />
        <div className="meeting-buttons">
          <MinutesButton meetingId={meeting.id} />
          <button onClick={() => act({ op: 'rollCall', meetingId: meeting.id })} data-testid="meeting-rollcall">
            {t('meeting.rollCall')}
          </button>
          <EndMeeting meeting={meeting} />
        </div>
      </header>
      <LiveTiles meeting={meeting} />
      <div className="meeting-body">
        <div className="agenda-column">
          <AddByNumber
            isOnAgenda={(no) => meeting.agenda.some((a) => a.ticketNo === no)}
            onTicket={(ticket) => client.call('meetings.act', { op: 'addItem', meetingId: meeting.id, item: { ticketNo: ticket.ticketNo, reasons: ['chair'] } }).then(() => undefined)}
          />
          <ol className="agenda" data-testid="agenda">
            {meeting.agenda.map((a, i) => (
              <li key={a.ticketNo} className={i === meeting.current ? 'current' : ''}>
                <button onClick={() => act({ op: 'setCurrent', meetingId: meeting.id, index: i })} data-ticket-no={a.ticketNo}>
                  <AgendaTicket item={a} decided={meeting.decisions.some((d) => d.ticketNo === a.ticketNo)} />
                </button>
              </li>
            ))}
          </ol>
        </div>
        <div className="meeting-current">{item ? <CurrentItem key={item.ticketNo} meeting={meeting} ticketNo={item.ticketNo} index={meeting.current!} /> : null}</div>
        <Participants meeting={meeting} />
      </div>
    </div>
  );
}

function CurrentItem({ meeting, ticketNo, index }: { meeting: Meeting; ticketNo: string; index: number }) {
  const { t, label, place } = useI18n();
  const x = useLiveQuery('tickets.get', { ticketNo }, TICKET_EVENTS).data?.ticket;
  const station = x?.subDistrictCode;
  const invited = station !== undefined && meeting.invitees.stations.includes(station);
  return (
    <section data-testid="meeting-current" data-ticket-no={ticketNo}>
      <h3>
        {t('meeting.current')} · {t('meeting.item', { n: index + 1 })} <span className="muted small">{ticketNo}</span>
      </h3>
      {x && (
        <>
          <p className="card-summary">
            <DataText>{x.summary}</DataText>
          </p>
          <div className="card-tags">
            <span className={`whistle whistle-${x.whistleLevel}`}>{label('whistle', x.whistleLevel)}</span>
            <span className={`status status-${x.status}`}>{label('status', x.status)}</span>
            <span>{label('category', x.category)}</span>
            <span>{place(x.subDistrictCode)}</span>
            <span className="muted">
              {t('col.deadline')} {formatDay(x.deadlineAt)}
            </span>
          </div>
          <p className="muted small">
            <DataText>{x.address}</DataText>
          </p>
        </>
      )}
      {invited && <CallStation meeting={meeting} station={station} ticketNo={ticketNo} />}
      {invited && <OpenLink meeting={meeting} station={station} ticketNo={ticketNo} />}
      <SiteReports meeting={meeting} ticketNo={ticketNo} />
      {x && <DecisionForm key={ticketNo} meeting={meeting} ticket={x} />}
    </section>
  );
}
