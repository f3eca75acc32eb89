/**
 * The chair's decision on the current ticket: lead and co-departments, deadline, the supervising deputy or
 * work group, the responsibility rule and notes. It goes into the outbox (pending until the hub has it),
 * then into the ticket's timeline and the meeting.
 */
import { useState } from 'react';
import type { Meeting } from '../../../shared/contract';
import { RESPONSIBILITY_RULES } from '../../../shared/hub-protocol';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { fromDateInput, toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

const DAY_MS = 86_400_000;
const names = (s: string) => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);

export function DecisionForm({ meeting, ticketNo, suggestedLead }: { meeting: Meeting; ticketNo: string; suggestedLead: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [lead, setLead] = useState(suggestedLead);
  const [co, setCo] = useState('');
  const [deadline, setDeadline] = useState(() => toDateInput(Date.now() + 3 * DAY_MS));
  const [supervisor, setSupervisor] = useState(meeting.invitees.deputies[0] ?? '');
  const [responsibility, setResponsibility] = useState<(typeof RESPONSIBILITY_RULES)[number]>('assigned');
  const [notes, setNotes] = useState('');
  const sent = useLiveQuery('actions.list', { ticketNo, limit: 20 }, ['actions.changed']).data?.items.find((a) => a.kind === 'decide');
  const decided = meeting.decisions.find((d) => d.ticketNo === ticketNo);

  const record = () =>
    client
      .call('meetings.decide', { ticketNo, meetingId: meeting.id, leadDepartment: lead.trim(), coDepartments: names(co), deadlineAt: fromDateInput(deadline), supervisor: supervisor.trim(), responsibility, notes: notes.trim() })
      .catch(reportError);

  return (
    <section className="decision" data-testid="decision-form">
      <h3>
        {t('meeting.decision')}
        {decided ? (
          <span className="decision-state ok" data-testid="decision-state">
            {t('meeting.decided')}
          </span>
        ) : sent ? (
          <span className={`decision-state ${sent.state}`} data-testid="decision-state">
            {sent.state === 'rejected' ? t('meeting.rejected', { reason: sent.lastError ?? '' }) : t(sent.state === 'pending' ? 'meeting.pending' : 'meeting.delivered')}
          </span>
        ) : null}
      </h3>
      <div className="form-grid">
        <label>
          {t('meeting.lead')}
          <input value={lead} onChange={(e) => setLead(e.target.value)} data-testid="decision-lead" />
        </label>
        <label>
          {t('meeting.co')}
          <input value={co} onChange={(e) => setCo(e.target.value)} data-testid="decision-co" />
        </label>
        <label>
          {t('meeting.deadline')}
          <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="decision-deadline" />
        </label>
        <label>
          {t('meeting.supervisor')}
          <input value={supervisor} onChange={(e) => setSupervisor(e.target.value)} data-testid="decision-supervisor" />
        </label>
        <label>
          {t('meeting.responsibility')}
          <select value={responsibility} onChange={(e) => setResponsibility(e.target.value as typeof responsibility)} data-testid="decision-responsibility">
            {RESPONSIBILITY_RULES.map((r) => (
              <option key={r} value={r}>
                {t(`responsibility.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t('meeting.notes')}
          <input value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="decision-notes" />
        </label>
      </div>
      <button className="primary" disabled={!lead.trim() || !deadline} onClick={record} data-testid="decision-record">
        {t('meeting.record')}
      </button>
    </section>
  );
}
