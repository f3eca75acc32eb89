/**
 * 督办: the deputies' supervision loop at the desk — the supervised tickets by deputy and work group, deputies'
 * suggestions (提·交·落·回), supervision letters, referrals, the emergency funds and the roster. Everything changes
 * through the outbox; a station's console shows its own sub-district's. `?tab=` opens one (tests, screenshots); a
 * unit opened from the 报表 opens the letters at that unit's page.
 */
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { useNow } from '../../app/use-link-state';
import { FundsPanel } from './FundsPanel';
import { LettersPanel } from './LettersPanel';
import { ReferralsPanel } from './ReferralsPanel';
import { RosterPanel } from './RosterPanel';
import { SuggestionBoard } from './SuggestionBoard';
import { SupervisionBoard } from './SupervisionBoard';

const TABS = ['board', 'suggestions', 'letters', 'referrals', 'funds', 'roster'] as const;
type Tab = (typeof TABS)[number];

export function SupervisionView({ stationCode, focusUnit }: { stationCode: string | null; focusUnit?: string }) {
  const { t } = useI18n();
  const now = useNow();
  const [tab, setTab] = useState<Tab>(() => {
    if (focusUnit) return 'letters';
    const asked = new URLSearchParams(location.search).get('tab');
    return (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'board';
  });
  const registers = useLiveQuery('supervision.registers', {}, ['supervision.changed', 'tickets.refetch', 'tickets.changed'], { atMostEveryMs: 1000 }).data;
  const chair = stationCode === null;
  return (
    <section className="supervision-view" aria-label={t('sup.title')} data-testid="supervision-view">
      <div className="settings-tabs" role="tablist">
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={k === tab} onClick={() => setTab(k)} data-testid={`sup-tab-${k}`}>
            {t(`sup.tab.${k}`)}
          </button>
        ))}
      </div>
      {registers && (
        <div className="sup-body">
          {tab === 'board' && <SupervisionBoard registers={registers} now={now} />}
          {tab === 'suggestions' && <SuggestionBoard registers={registers} now={now} />}
          {tab === 'letters' && <LettersPanel registers={registers} now={now} chair={chair} focusUnit={focusUnit} />}
          {tab === 'referrals' && <ReferralsPanel registers={registers} now={now} chair={chair} />}
          {tab === 'funds' && <FundsPanel registers={registers} chair={chair} stationCode={stationCode} />}
          {tab === 'roster' && <RosterPanel registers={registers} chair={chair} />}
        </div>
      )}
    </section>
  );
}
