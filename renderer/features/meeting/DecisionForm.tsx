/**
 * The chair's decision on the current ticket: lead and co-departments, deadline, the supervising deputy or
 * work group, the responsibility rule and notes. It goes into the outbox (pending until the hub has it),
 * then into the ticket's timeline and the meeting.
 */
import { useEffect, useState } from 'react';
import type { Meeting } from '../../../shared/contract';
import type { Ticket } from '../../../shared/domain/ticket';
import { RESPONSIBILITY_RULES } from '../../../shared/hub-protocol';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { fromDateInput, splitNames, toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { DateField } from '../../app/DateField';
import { useLiveQuery } from '../../app/use-live-query';
import { keyRef, supervisorChoices } from '../supervision/supervision-logic';
import { useSupervisorName } from '../supervision/SupervisorName';

const DAY_MS = 86_400_000;

type Scope = 'community' | 'subDistrict' | 'district';

export function DecisionForm({ meeting, ticket }: { meeting: Meeting; ticket: Ticket }) {
  const { t, label } = useI18n();
  const client = useClient();
  const ticketNo = ticket.ticketNo;
  const suggestion = useLiveQuery('routing.suggest', { ticketNo }, ['routing.changed']).data;
  // A decision already taken on it: the form shows it (and a new one replaces it).
  const taken = meeting.decisions.find((d) => d.ticketNo === ticket.ticketNo);
  const [lead, setLead] = useState(taken?.leadDepartment ?? ticket.leadDepartment ?? '');
  const [saveRule, setSaveRule] = useState(false);
  const [keywords, setKeywords] = useState('');
  const [scope, setScope] = useState<Scope>(ticket.communityCode ? 'community' : 'subDistrict');
  // A rule's suggestion fills an empty lead (the chair can still change it): once per rule suggested.
  const suggested = suggestion ? `${suggestion.rule.id}\u0000${suggestion.leadDepartment}` : null;
  useEffect(() => {
    if (suggested === null) return;
    setLead((current) => current || suggested.split('\u0000')[1]!);
  }, [suggested]);
  const [co, setCo] = useState(taken?.coDepartments.join('、') ?? '');
  const [deadline, setDeadline] = useState(() => toDateInput(taken?.deadlineAt ?? Date.now() + 3 * DAY_MS));
  // The supervising deputy or work group, from the roster (shared/supervision.ts): named in the decision's text and
  // made the ticket's supervisor (督办台账) by a 'supervise' operation beside the decision.
  const people = useLiveQuery('supervision.registers', {}, ['supervision.changed']).data?.people ?? [];
  const supervisorName = useSupervisorName(people);
  const [supervisorKey, setSupervisorKey] = useState('');
  const supervisorRef = keyRef(supervisorKey);
  // None chosen from the roster: the decision names the one it named before, or the meeting's invited deputy.
  const invitedSupervisor = taken?.supervisor ?? meeting.invitees.deputies[0] ?? '';
  const [responsibility, setResponsibility] = useState<(typeof RESPONSIBILITY_RULES)[number]>(taken?.responsibility ?? 'assigned');
  const [notes, setNotes] = useState(taken?.notes ?? '');
  const sent = useLiveQuery('actions.list', { ticketNo, limit: 20 }, ['actions.changed']).data?.items.find((a) => a.kind === 'decide');
  const decided = meeting.decisions.find((d) => d.ticketNo === ticketNo);

  const record = async () => {
    try {
      const supervisor = supervisorRef ? supervisorName(supervisorRef).slice(0, 100) : invitedSupervisor;
      await client.call('meetings.decide', { ticketNo, meetingId: meeting.id, leadDepartment: lead.trim(), coDepartments: splitNames(co), deadlineAt: fromDateInput(deadline), supervisor, responsibility, notes: notes.trim() });
      if (supervisorRef) await client.call('supervision.submit', { op: 'supervise', ticketNo, supervisor: supervisorRef });
      // Solve a class, not a case: the same category at the same place (and words) goes to this lead.
      if (saveRule) {
        await client.call('routing.save', {
          category: ticket.category,
          keywords: splitNames(keywords),
          subDistrictCode: scope === 'district' ? null : ticket.subDistrictCode,
          communityCode: scope === 'community' ? ticket.communityCode : null,
          leadDepartment: lead.trim(),
          fromTicketNo: ticketNo,
        });
        setSaveRule(false);
      }
    } catch (e) {
      reportError(e);
    }
  };

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
          <DateField value={deadline} onChange={setDeadline} testId="decision-deadline" />
        </label>
        <label>
          {t('meeting.supervisor')}
          <select value={supervisorKey} onChange={(e) => setSupervisorKey(e.target.value)} data-testid="decision-supervisor">
            <option value="">{invitedSupervisor || '—'}</option>
            {supervisorChoices(people).map((c) => (
              <option key={c.key} value={c.key}>
                {supervisorName(keyRef(c.key)!)}
              </option>
            ))}
          </select>
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
        {suggestion && (
          <p className="wide routing-hint" data-testid="routing-hint">
            {t('routing.suggested', { lead: suggestion.leadDepartment, category: label('category', suggestion.rule.category) })}
          </p>
        )}
        <label className="wide">
          {t('meeting.notes')}
          <input value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="decision-notes" />
        </label>
      </div>
      <div className="rule-row">
        <label>
          <input type="checkbox" checked={saveRule} onChange={(e) => setSaveRule(e.target.checked)} data-testid="decision-save-rule" />
          {t('routing.saveFromDecision', { category: label('category', ticket.category) })}
        </label>
        {saveRule && (
          <>
            <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} data-testid="rule-scope">
              {ticket.communityCode && <option value="community">{t('routing.scope.community')}</option>}
              <option value="subDistrict">{t('routing.scope.subDistrict')}</option>
              <option value="district">{t('routing.scope.district')}</option>
            </select>
            <input value={keywords} onChange={(e) => setKeywords(e.target.value)} placeholder={t('routing.keywords')} data-testid="rule-keywords" />
          </>
        )}
      </div>
      <button className="primary" disabled={!lead.trim() || !deadline} onClick={record} data-testid="decision-record">
        {t('meeting.record')}
      </button>
    </section>
  );
}
