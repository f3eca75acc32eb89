/**
 * 加入会商议程 on a ticket's card: the command centre's console, while no meeting is under way, puts the
 * ticket on the agenda of the meeting being prepared (召开会商 shows it chosen). A meeting under way has its
 * agenda fixed at the hub (the protocol has no operation to change it), so the button is not offered then.
 */
import type { Ticket } from '../../../shared/domain/ticket';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { agendaDraft, chairItem, useAgendaDraft } from './agenda-draft';
import { useMeetings } from './use-meetings';

export function AddToAgenda({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const app = useLiveQuery('app.info', {}, []).data;
  const { current } = useMeetings();
  const draft = useAgendaDraft();
  // A desk action of the command centre: not on a station, nor on a read-only wall link.
  if (app?.role !== 'console' || app.access !== 'desk' || current) return null;
  const inAgenda = draft.some((d) => d.ticketNo === ticket.ticketNo);
  return (
    <div className="action-row">
      <button className="btn" disabled={inAgenda} onClick={() => agendaDraft.add(chairItem(ticket))} data-testid="card-add-to-agenda">
        {t(inAgenda ? 'card.inAgenda' : 'card.addToAgenda')}
      </button>
    </div>
  );
}
