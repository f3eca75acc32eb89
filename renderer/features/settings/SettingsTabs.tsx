/**
 * 设置's tabs: 常规 (the settings every console has) and, on the command centre's desk console only, 导入工单,
 * 分类对照 and 地名库 — the import is the chair's (a station or a read-only wall link has no tabs at all).
 * `?tab=` in the address opens one (tests, screenshots).
 */
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

const TABS = ['general', 'import', 'categoryMap', 'gazetteer'] as const;
export type SettingsTab = (typeof TABS)[number];

function fromAddress(): SettingsTab {
  const asked = new URLSearchParams(location.search).get('tab');
  return (TABS as readonly string[]).includes(asked ?? '') ? (asked as SettingsTab) : 'general';
}

/** The tab shown and the tabs this console offers. */
export function useSettingsTab(): [SettingsTab, (t: SettingsTab) => void, readonly SettingsTab[]] {
  const app = useLiveQuery('app.info', {}, []).data;
  const [tab, setTab] = useState<SettingsTab>(fromAddress);
  const chairDesk = app?.role === 'console' && app.access === 'desk';
  const tabs: readonly SettingsTab[] = chairDesk ? TABS : ['general'];
  return [tabs.includes(tab) ? tab : 'general', setTab, tabs];
}

export function SettingsTabs({ tabs, tab, onTab }: { tabs: readonly SettingsTab[]; tab: SettingsTab; onTab: (t: SettingsTab) => void }) {
  const { t } = useI18n();
  if (tabs.length < 2) return null;
  return (
    <div className="settings-tabs" role="tablist" data-testid="settings-tabs">
      {tabs.map((k) => (
        <button key={k} type="button" role="tab" aria-selected={k === tab} onClick={() => onTab(k)} data-testid={`settings-tab-${k}`}>
          {t(`settings.tab.${k}`)}
        </button>
      ))}
    </div>
  );
}
