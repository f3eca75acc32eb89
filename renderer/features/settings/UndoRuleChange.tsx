/**
 * The way back from the last change of the warning or escalation rules: what it has done since (tickets
 * escalated by rule), and 撤销 — the rules as they were, those tickets lowered again through the outbox.
 */
import { useState } from 'react';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { formatWhen } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

export function UndoRuleChange() {
  const { t } = useI18n();
  const client = useClient();
  // Follows the outbox (every automatic escalation goes through it), not every ticket change: the count reads
  // the matters under a warning, a scan the console does not repeat on every push.
  const change = useLiveQuery('settings.ruleChange', {}, ['settings.wallChanged', 'actions.changed'], { atMostEveryMs: 1000 }).data;
  const [done, setDone] = useState<string | null>(null);
  if (!change) {
    return done ? (
      <p className="settings-ok" role="status" data-testid="rule-change-undone">
        {done}
      </p>
    ) : null;
  }
  const undo = () => client.call('settings.undoRuleChange', {}).then((r) => setDone(t('settings.undone', { n: r.lowered })), reportError);
  return (
    <div className="settings-undo" data-testid="rule-change">
      <p>{t('settings.undoText', { time: formatWhen(change.at, Date.now()), n: change.autoEscalations })}</p>
      <button type="button" onClick={() => void undo()} data-testid="rule-change-undo">
        {t('settings.undoButton', { n: change.autoEscalations })}
      </button>
    </div>
  );
}
