/** A meeting's decision on a ticket in one line: lead, co-departments, deadline (as a station reads it). */
import type { MeetingDecision } from '../../../shared/hub-meeting';
import { formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';

export function DecisionSummary({ decision }: { decision: MeetingDecision | undefined }) {
  const { t } = useI18n();
  if (!decision) return <span className="decision-line muted" data-testid="agenda-decision">{t('meeting.noDecisionYet')}</span>;
  const co = decision.coDepartments.length ? t('meeting.decisionCo', { names: decision.coDepartments.join('、') }) : '';
  return (
    <span className="decision-line" data-testid="agenda-decision">
      {t('meeting.decisionSummary', { lead: decision.leadDepartment, co, deadline: formatDay(decision.deadlineAt) })}
    </span>
  );
}
