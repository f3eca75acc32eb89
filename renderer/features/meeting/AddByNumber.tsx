/**
 * 按工单号加入: a ticket number typed by the chair, looked up in this console's store; an unknown one is refused
 * with a clear message. What "add" does is the caller's: the agenda being prepared, or the meeting under way.
 */
import { useState, type FormEvent } from 'react';
import type { Ticket } from '../../../shared/domain/ticket';
import { useClient } from '../../app/client-context';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function AddByNumber({ onTicket, isOnAgenda }: { onTicket: (t: Ticket) => Promise<void> | void; isOnAgenda: (ticketNo: string) => boolean }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [ticketNo, setTicketNo] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const no = ticketNo.trim();
    if (!no) return;
    if (isOnAgenda(no)) return setMessage({ ok: false, text: t('meeting.addAlready', { no }) });
    let ticket: Ticket;
    try {
      ticket = (await client.call('tickets.get', { ticketNo: no })).ticket;
    } catch {
      // Unknown, or not a ticket number at all: the same answer for the chair.
      return setMessage({ ok: false, text: t('meeting.addUnknown', { no }) });
    }
    try {
      await onTicket(ticket);
      setTicketNo('');
      setMessage({ ok: true, text: t('meeting.addedTicket', { no }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, locale) });
    }
  };
  return (
    <form className="form-row add-by-no" onSubmit={submit} data-testid="agenda-add">
      <label>
        {t('meeting.addByNo')}
        <input value={ticketNo} onChange={(e) => (setTicketNo(e.target.value), setMessage(null))} placeholder={t('meeting.addByNoPlaceholder')} maxLength={64} data-testid="agenda-add-no" />
      </label>
      <button type="submit" disabled={!ticketNo.trim()} data-testid="agenda-add-submit">
        {t('meeting.add')}
      </button>
      {message && (
        <span className={message.ok ? 'settings-ok' : 'settings-error'} role={message.ok ? 'status' : 'alert'} data-testid="agenda-add-message">
          {message.text}
        </span>
      )}
    </form>
  );
}
