/**
 * What the user can do to a ticket: acknowledge, comment, move its status along (only the steps the
 * status machine allows), escalate its whistle level with a reason (升哨). Everything goes to the outbox; nothing waits on the network.
 */
import { useState } from 'react';
import { allowedNext, type Status } from '../../../shared/domain/status';
import type { Ticket } from '../../../shared/domain/ticket';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function TicketActions({ ticket }: { ticket: Ticket }) {
  const client = useClient();
  const { t, label } = useI18n();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [escalateTo, setEscalateTo] = useState<'key' | 'difficult'>('key');
  const [escalateWhy, setEscalateWhy] = useState('');
  const submit = (req: Parameters<typeof client.call<'actions.submit'>>[1]) => client.call('actions.submit', req).catch(reportError);
  const next = allowedNext(ticket.status as Status);

  return (
    <div className="ticket-actions">
      <div className="action-row">
        <button className="btn" data-testid="act-acknowledge" onClick={() => void submit({ kind: 'acknowledge', ticketNo: ticket.ticketNo })}>
          {t('action.acknowledge')}
        </button>
        {next.map((to) =>
          to === 'closed' ? (
            <span key={to} className="btn-group">
              {(['satisfied', 'basicallySatisfied'] as const).map((s) => (
                <button key={s} className="btn" onClick={() => void submit({ kind: 'status', ticketNo: ticket.ticketNo, to, satisfaction: s })}>
                  {t('action.to', { status: label('status', to) })}·{label('satisfaction', s)}
                </button>
              ))}
            </span>
          ) : (
            <button
              key={to}
              className="btn"
              data-testid={`act-status-${to}`}
              disabled={to === 'returned' && !reason.trim()}
              onClick={() => void submit({ kind: 'status', ticketNo: ticket.ticketNo, to, ...(to === 'returned' ? { reason } : {}) })}
            >
              {t('action.to', { status: label('status', to) })}
            </button>
          ),
        )}
      </div>
      {next.includes('returned') && <input className="input" placeholder={t('action.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
      <form
        className="action-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return;
          void submit({ kind: 'comment', ticketNo: ticket.ticketNo, note: note.trim() });
          setNote('');
        }}
      >
        <input className="input" data-testid="comment-input" placeholder={t('action.commentPlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        <button className="btn" type="submit" data-testid="comment-submit" disabled={!note.trim()}>
          {t('action.comment')}
        </button>
      </form>
      {ticket.whistleLevel !== 'difficult' && (
        <form
          className="action-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!escalateWhy.trim()) return;
            void submit({ kind: 'escalate', ticketNo: ticket.ticketNo, to: ticket.whistleLevel === 'routine' ? escalateTo : 'difficult', reason: escalateWhy.trim() });
            setEscalateWhy('');
          }}
        >
          {ticket.whistleLevel === 'routine' && (
            <select className="input narrow" value={escalateTo} onChange={(e) => setEscalateTo(e.target.value as 'key' | 'difficult')} data-testid="escalate-to">
              <option value="key">{label('whistle', 'key')}</option>
              <option value="difficult">{label('whistle', 'difficult')}</option>
            </select>
          )}
          <input className="input" data-testid="escalate-reason" placeholder={t('action.escalateReason')} value={escalateWhy} onChange={(e) => setEscalateWhy(e.target.value)} maxLength={2000} />
          <button className="btn" type="submit" data-testid="escalate-submit" disabled={!escalateWhy.trim()}>
            {t('action.escalate')}
          </button>
        </form>
      )}
    </div>
  );
}
