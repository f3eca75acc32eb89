/**
 * 加入会商议程 on a ticket's card, on the command centre's desk console: while no meeting is under way the
 * ticket goes on the agenda of the meeting being prepared (召开会商 shows it chosen); while one is under way it
 * is added at the end of that meeting's agenda, at the hub, on every participant's screen (op addItem).
 */
import { useState } from 'react';

import type { Ticket } from '../../../shared/domain/ticket';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { agendaDraft, chairItem, useAgendaDraft } from './agenda-draft';
import { useMeetings } from './use-meetings';

export function AddToAgenda({ ticket }: { ticket: Ticket }) {
  const { t, place } = useI18n();
  const client = useClient();
  const app = useLiveQuery('app.info', {}, []).data;
  const { current } = useMeetings();
  const draft = useAgendaDraft();
  const [busy, setBusy] = useState(false);
  // A desk action of the command centre: not on a station, nor on a read-only wall link.
  if (app?.role !== 'console' || app.access !== 'desk') return null;
  if (current) {
    const onAgenda = current.agenda.some((a) => a.ticketNo === ticket.ticketNo);
    const add = () => {
      setBusy(true);
      client
        .call('meetings.act', { op: 'addItem', meetingId: current.id, item: { ticketNo: ticket.ticketNo, reasons: ['chair'] } })
        .catch(reportError)
        .finally(() => setBusy(false));
    };
    return (
      <div className="action-row add-to-agenda">
        <button className="btn" disabled={onAgenda || busy} onClick={add} data-testid="card-add-to-agenda">
          {t(onAgenda ? 'card.inHeldAgenda' : 'card.addToHeldAgenda')}
        </button>
        {!current.invitees.stations.includes(ticket.subDistrictCode) && (
          <span className="muted" data-testid="card-agenda-not-invited">
            {t('card.stationNotInvited', { name: place(ticket.subDistrictCode, true) })}
          </span>
        )}
      </div>
    );
  }
  const inAgenda = draft.some((d) => d.ticketNo === ticket.ticketNo);
  return (
    <div className="action-row add-to-agenda">
      <button className="btn" disabled={inAgenda} onClick={() => agendaDraft.add(chairItem(ticket))} data-testid="card-add-to-agenda">
        {t(inAgenda ? 'card.inAgenda' : 'card.addToAgenda')}
      </button>
    </div>
  );
}
