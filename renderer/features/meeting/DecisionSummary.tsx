/** A meeting's decision on a ticket in one line: lead, co-departments, deadline (as a station reads it). */
import type { MeetingDecision } from '../../../shared/hub-meeting';
import { formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { organisationEn } from '../../../shared/i18n/organisations';

export function DecisionSummary({ decision }: { decision: MeetingDecision | undefined }) {
  const { t, locale } = useI18n();
  // Known units in the user's language; a name the glossary does not know stays as written.
  const org = (name: string) => (locale === 'en' ? (organisationEn(name) ?? name) : name);
  if (!decision) return <span className="decision-line muted" data-testid="agenda-decision">{t('meeting.noDecisionYet')}</span>;
  const co = decision.coDepartments.length ? t('meeting.decisionCo', { names: decision.coDepartments.map(org).join(locale === 'en' ? ', ' : '、') }) : '';
  return (
    <span className="decision-line" data-testid="agenda-decision">
      {t('meeting.decisionSummary', { lead: org(decision.leadDepartment), co, deadline: formatDay(decision.deadlineAt) })}
    </span>
  );
}
