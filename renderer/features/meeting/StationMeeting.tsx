/**
 * A station in a meeting: the current item as the chair sets it, the chair's call ringing until 收到, the
 * roll-call, and reports from the site (notes and photos) on its own agenda tickets.
 */
import { TICKET_EVENTS } from '../../app/ticket-events';
import { DataText } from '../../app/DataText';
import { useState } from 'react';
import type { Meeting } from '../../../shared/contract';

import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { MeetingTitle } from './MeetingTitle';
import { useLiveQuery } from '../../app/use-live-query';
import { photoDataUrl } from './photo-file';
import { AgendaTicket } from './AgendaTicket';
import { DecisionSummary } from './DecisionSummary';
import { formatClock, formatDay } from '../../app/format';
import { isOverdue } from '../../../shared/domain/ticket';
import { useNow } from '../../app/use-link-state';
import { useRing } from './use-ring';
import { StationLinks } from '../live-link/StationLinks';

export function StationMeeting({ meeting, stationCode }: { meeting: Meeting; stationCode: string }) {
  const { t, place } = useI18n();
  const client = useClient();
  const name = place(stationCode, true);
  const ringing = meeting.calls.filter((c) => c.stationCode === stationCode && c.answeredAt === null);
  const me = meeting.attendance.find((a) => a.stationCode === stationCode);
  useRing(ringing.length > 0);
  const item = meeting.current !== null ? meeting.agenda[meeting.current] : undefined;
  return (
    <div className="meeting station-meeting" data-testid="station-meeting" data-meeting-id={meeting.id}>
      <header className="meeting-head">
        <MeetingTitle meeting={meeting} />
      </header>
      {ringing.map((c) => (
        <div key={c.id} className="incoming-call" role="alertdialog" data-testid="incoming-call">
          <p>{t('meeting.incoming', { ticket: c.ticketNo })}</p>
          <p className="big">{t('meeting.callText', { name })}</p>
          <button className="primary" onClick={() => client.call('meetings.act', { op: 'answer', meetingId: meeting.id, callId: c.id, note: t('meeting.ackText', { name }) }).catch(reportError)} data-testid="call-ack">
            {t('meeting.ack')}
          </button>
        </div>
      ))}
      <StationLinks meeting={meeting} stationCode={stationCode} />
      {meeting.rollCallAt !== null && me && me.answeredRollCallAt === null && (
        <div className="incoming-call rollcall-call" data-testid="rollcall-incoming">
          <p className="big">{t('meeting.rollCallIncoming')}</p>
          <button className="primary" onClick={() => client.call('meetings.act', { op: 'answer', meetingId: meeting.id, note: t('meeting.ackText', { name }) }).catch(reportError)} data-testid="rollcall-answer">
            {t('meeting.answerRollCall')}
          </button>
        </div>
      )}
      {item && <StationCurrent key={item.ticketNo} meeting={meeting} ticketNo={item.ticketNo} stationCode={stationCode} />}
      <section className="station-agenda">
        <h3>{t('meeting.agendaList')}</h3>
        <ol className="agenda" data-testid="agenda">
          {meeting.agenda.map((a, i) => (
            <li key={a.ticketNo} className={i === meeting.current ? 'current' : ''} data-ticket-no={a.ticketNo}>
              <AgendaTicket item={a} decided={meeting.decisions.some((d) => d.ticketNo === a.ticketNo)} />
              <DecisionSummary decision={meeting.decisions.find((d) => d.ticketNo === a.ticketNo)} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The current item; this station's own tickets are in its store (with a report form), others only by number. */
function StationCurrent({ meeting, ticketNo, stationCode }: { meeting: Meeting; ticketNo: string; stationCode: string }) {
  const { t } = useI18n();
  const current = useLiveQuery('tickets.get', { ticketNo }, TICKET_EVENTS, { quiet: true }).data?.ticket;
  const now = useNow(30_000);
  return (
    <section className="meeting-current" data-testid="meeting-current" data-ticket-no={ticketNo}>
      <h3>
        {t('meeting.current')} · {t('meeting.item', { n: meeting.current! + 1 })} <span className="muted small">{ticketNo}</span>
      </h3>
      {current && (
        <>
          <p className="card-summary">{current.summary}</p>
          <p className="current-facts">
            <DataText>
              <span data-testid="current-address">{current.address}</span>
            </DataText>
            <span data-testid="current-deadline">
              {t('col.deadline')} {formatDay(current.deadlineAt)}
              {isOverdue(current, now) && <span className="overdue-tag">{t('wall.overdue')}</span>}
            </span>
          </p>
        </>
      )}
      <p className="current-decision">
        <DecisionSummary decision={meeting.decisions.find((d) => d.ticketNo === ticketNo)} />
      </p>
      {current?.subDistrictCode === stationCode && <ReportForm meeting={meeting} ticketNo={ticketNo} />}
    </section>
  );
}

/**
 * 现场反馈: starts empty (what the site is like is the station's to say, not a default), sends only with
 * text, empties after sending and says when it was sent. A report needs the hub (it is a live meeting
 * operation, not an outbox action): while the link is down sending is off, and the form says why.
 */
function ReportForm({ meeting, ticketNo }: { meeting: Meeting; ticketNo: string }) {
  const { t } = useI18n();
  const client = useClient();
  const online = useLiveQuery('sync.status', {}, ['sync.statusChanged']).data?.connection === 'online';
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const send = () => {
    setSending(true);
    setSentAt(null);
    client
      .call('meetings.act', { op: 'report', meetingId: meeting.id, ticketNo, note: note.trim(), photos })
      .then(() => {
        setSentAt(Date.now());
        setNote('');
        setPhotos([]);
      }, reportError)
      .finally(() => setSending(false));
  };
  return (
    <div className="report-form" data-testid="report-form">
      <h3>{t('meeting.report')}</h3>
      <textarea value={note} onChange={(e) => (setNote(e.target.value), setSentAt(null))} rows={3} maxLength={2000} placeholder={t('meeting.reportPlaceholder')} data-testid="report-note" />
      <div className="settings-row small">
        <span>{t('meeting.photos')}</span>
        {/* The browser's own file button speaks the system's language: ours speaks the wall's. */}
        <label className="button">
          {t('meeting.choosePhotos')}
          <input
            type="file"
            accept="image/*"
            multiple
            hidden
            onChange={(e) => {
              const files = [...(e.target.files ?? [])].slice(0, 4);
              Promise.all(files.map(photoDataUrl)).then(setPhotos, reportError);
            }}
            data-testid="report-photos"
          />
        </label>
        {photos.length > 0 && <span className="muted" data-testid="report-photos-chosen">{t('meeting.photosChosen', { n: photos.length })}</span>}
      </div>
      <div className="report-send-row">
        <button className="primary" disabled={!note.trim() || !online || sending} onClick={send} data-testid="report-send">
          {t('meeting.send')}
        </button>
        {!online && (
          <span className="report-offline" role="status" data-testid="report-offline">
            {t('meeting.reportNeedsHub')}
          </span>
        )}
      </div>
      {sentAt !== null && (
        <p className="report-sent" role="status" data-testid="report-sent">
          ✓ {t('meeting.sentAt', { time: formatClock(sentAt) })}
        </p>
      )}
    </div>
  );
}
