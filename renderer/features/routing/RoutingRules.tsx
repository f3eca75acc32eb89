/** 分派规则 in settings: every rule with its category, place and words; the lead and words editable; delete. */
import { useState } from 'react';
import type { RoutingRule } from '../../../shared/contract';

import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { splitNames } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { TableHead } from '../../app/TableHead';


export function RoutingRules() {
  const { t } = useI18n();
  const rules = useLiveQuery('routing.list', {}, ['routing.changed']).data?.rules;
  return (
    <div className="routing-rules" data-testid="routing-rules">
      {rules?.length === 0 && <p className="muted">{t('routing.none')}</p>}
      {rules && rules.length > 0 && (
        <table className="tickets">
          <TableHead columns={['col.category', 'routing.place', 'routing.keywords', 'meeting.lead', '']} />
          <tbody>
            {rules.map((r) => (
              <RuleRow key={`${r.id}-${r.updatedAt}`} rule={r} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RuleRow({ rule }: { rule: RoutingRule }) {
  const { t, label, place, placeOf } = useI18n();
  const client = useClient();
  const [lead, setLead] = useState(rule.leadDepartment);
  const [keywords, setKeywords] = useState(rule.keywords.join('，'));
  const changed = lead.trim() !== rule.leadDepartment || splitNames(keywords).join('|') !== rule.keywords.join('|');
  const where = rule.communityCode ? placeOf(rule.communityCode) : rule.subDistrictCode ? place(rule.subDistrictCode) : t('routing.anywhere');
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = rule;
  return (
    <tr data-rule-id={rule.id}>
      <td>{label('category', rule.category)}</td>
      <td>{where}</td>
      <td>
        <input value={keywords} onChange={(e) => setKeywords(e.target.value)} data-testid="rule-keywords-edit" />
      </td>
      <td>
        <input value={lead} onChange={(e) => setLead(e.target.value)} data-testid="rule-lead-edit" />
      </td>
      <td>
        <button disabled={!changed || !lead.trim()} onClick={() => client.call('routing.save', { ...input, id: rule.id, leadDepartment: lead.trim(), keywords: splitNames(keywords) }).catch(reportError)} data-testid="rule-save">
          {t('routing.save')}
        </button>{' '}
        <button onClick={() => client.call('routing.delete', { id: rule.id }).catch(reportError)} data-testid="rule-delete">
          {t('routing.delete')}
        </button>
      </td>
    </tr>
  );
}
