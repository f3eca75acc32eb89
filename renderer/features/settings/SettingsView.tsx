/**
 * Settings: the district map pack (load a GIS export, or go back to the built-in one), the wall's playlist,
 * the early-warning rule, the display, automatic escalation and the routing rules. Numbers are checked as
 * they are typed (NumberSetting); a change that reaches tickets — the warning rule, an escalation rule — is
 * previewed by the core and applied only once the duty head confirms what it would do (ConfirmChange).
 * On the chair's desk, tabs beside these (常规) lead to 导入工单, 分类对照 and 地名库 (features/import).
 */
import { useRef, useState, type ChangeEvent } from 'react';
import type { SettingsPreview, WallSettings } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { errorText, reportError } from '../../app/errors';
import { RoutingRules } from '../routing/RoutingRules';
import { EmbeddedHubSection } from './EmbeddedHubSection';
import { ReportSchedule } from '../reports/ReportSchedule';
import { ESCALATION_REASONS } from '../../../shared/domain/escalation';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { NumberSetting } from './NumberSetting';
import { ConfirmChange } from './ConfirmChange';
import { UndoRuleChange } from './UndoRuleChange';
import { SettingsTabs, useSettingsTab } from './SettingsTabs';
import { ImportSection } from '../import/ImportSection';
import { CategoryMapEditor } from '../import/CategoryMapEditor';
import { GazetteerSection } from '../import/GazetteerSection';
import './settings.css';

type Section = 'warningRule' | 'escalation';
type Pending = { section: Section; next: WallSettings; preview?: SettingsPreview; error: string | null };

export function SettingsView({ wall }: { wall: WallSettings | undefined }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const pack = useLiveQuery('map.pack', {}, ['map.packChanged']).data;
  const app = useLiveQuery('app.info', {}, []).data;
  const displays = useLiveQuery('settings.displays', {}, []).data ?? [];
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPendingState] = useState<Pending | null>(null);
  // The change being asked about, read by a preview that comes back after 取消 (it must then do nothing).
  const asking = useRef<WallSettings | null>(null);
  const setPending = (p: Pending | null) => ((asking.current = p?.next ?? null), setPendingState(p));
  // Bumped on 取消, so the fields show the stored values again.
  const [resets, setResets] = useState(0);

  const loadFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const info = await client.call('map.setPack', { text: await file.text() });
      const areas = info.pack.features.length;
      setMessage({ ok: true, text: t('settings.mapPackLoaded', { n: areas }) + (info.missing.length ? ` · ${t('settings.mapPackMissing', { names: info.missing.join('、') })}` : '') });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, locale) });
    }
  };
  /** Saved at once (the playlist, the reload, the display): a refusal comes back to the field. */
  const save = (patch: Partial<WallSettings>) => (wall ? client.call('settings.setWall', { ...wall, ...patch }) : Promise.resolve());
  const saveWall = (patch: Partial<WallSettings>) => void save(patch).catch(reportError);

  /** A change that reaches tickets: ask the core what it would do; apply at once only if it would do nothing. */
  const propose = async (section: Section, patch: Partial<WallSettings>) => {
    if (!wall) return;
    // On top of a change still being asked about: the question then covers both.
    const next = { ...(asking.current ?? wall), ...patch };
    setPending({ section, next, error: null });
    let preview: SettingsPreview;
    try {
      preview = await client.call('settings.preview', next);
    } catch (e) {
      setPending(null);
      throw e;
    }
    if (asking.current !== next) return;
    if (!preview.warningsRaisedTotal && !preview.warningsCleared && !preview.escalationsTotal) {
      setPending(null);
      await client.call('settings.setWall', next);
      return;
    }
    setPendingState((p) => (p?.next === next ? { ...p, preview } : p));
  };
  const apply = () => {
    if (!pending) return;
    client.call('settings.setWall', pending.next).then(
      () => setPending(null),
      (e: unknown) => setPendingState((p) => (p ? { ...p, error: errorText(e, locale) } : p)),
    );
  };
  const cancel = () => (setPending(null), setResets((n) => n + 1));
  const confirm = (section: Section) => pending?.section === section && <ConfirmChange preview={pending.preview} error={pending.error} onApply={apply} onCancel={cancel} />;
  const shown = pending?.next ?? wall;
  const [tab, setTab, tabs] = useSettingsTab();
  const tabBar = <SettingsTabs tabs={tabs} tab={tab} onTab={setTab} />;

  if (tab !== 'general') {
    return (
      <section className="settings" data-testid="settings-view">
        {tabBar}
        {tab === 'import' && <ImportSection onOpenCategoryMap={() => setTab('categoryMap')} />}
        {tab === 'categoryMap' && <CategoryMapEditor />}
        {tab === 'gazetteer' && <GazetteerSection />}
      </section>
    );
  }
  return (
    <section className="settings" data-testid="settings-view">
      {tabBar}
      <h2>{t('settings.mapPack')}</h2>
      <p data-testid="map-pack-source">{pack?.source === 'custom' ? t('settings.mapPackCustom') : t('settings.mapPackBuiltin')}</p>
      <div className="settings-row">
        <label className="button">
          {t('settings.mapPackLoad')}
          <input type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={loadFile} data-testid="map-pack-file" hidden />
        </label>
        {pack?.source === 'custom' && (
          <button type="button" onClick={() => client.call('map.resetPack', {}).then(() => setMessage(null), reportError)}>
            {t('settings.mapPackReset')}
          </button>
        )}
      </div>
      {message && (
        <p className={message.ok ? 'settings-ok' : 'settings-error'} role={message.ok ? 'status' : 'alert'} data-testid="map-pack-message">
          {message.text}
        </p>
      )}

      <h2>{t('settings.playlist')}</h2>
      {wall && (
        <div className="settings-row">
          <label className="setting-check">
            <input type="checkbox" checked={wall.playlist.enabled} onChange={(e) => saveWall({ playlist: { ...wall.playlist, enabled: e.target.checked } })} data-testid="playlist-enabled" />
            <span>{t('settings.playlistOn')}</span>
          </label>
          <NumberSetting key={`every-${resets}`} field="playlistEvery" label={t('settings.playlistEvery')} value={wall.playlist.everySec} testId="playlist-every" onCommit={(n) => save({ playlist: { ...wall.playlist, everySec: n } })} />
          <NumberSetting key={`reload-${resets}`} field="softReloadHours" label={t('settings.softReload')} value={wall.softReloadHours} testId="soft-reload" onCommit={(n) => save({ softReloadHours: n })} />
        </div>
      )}
      <h2>{t('settings.warningRule')}</h2>
      {wall && (
        <>
          <div className="settings-row">
            <NumberSetting key={`threshold-${resets}`} field="warningThreshold" label={t('settings.warningThreshold')} value={wall.warningRule.threshold} testId="warning-threshold" onCommit={(n) => propose('warningRule', { warningRule: { ...(asking.current ?? wall).warningRule, threshold: n } })} />
            <NumberSetting key={`window-${resets}`} field="warningWindowDays" label={t('settings.warningWindow')} value={wall.warningRule.windowDays} testId="warning-window" onCommit={(n) => propose('warningRule', { warningRule: { ...(asking.current ?? wall).warningRule, windowDays: n } })} />
          </div>
          {confirm('warningRule')}
        </>
      )}
      {wall && displays.length > 0 && (
        <>
          <h2>{t('settings.display')}</h2>
          <div className="settings-row">
            <select value={wall.displayId ?? ''} onChange={(e) => saveWall({ displayId: e.target.value === '' ? null : Number(e.target.value) })} data-testid="display-select">
              <option value="">{t('settings.displayPrimary')}</option>
              {displays.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label} ({d.width}×{d.height}){d.primary ? ' ★' : ''}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <h2>{t('settings.escalation')}</h2>
      {wall && shown && (
        <>
          <div className="settings-row" data-testid="escalation-rules">
            {ESCALATION_REASONS.map((r) => {
              const rules = shown.escalationRules;
              const change = (rule: Partial<WallSettings['escalationRules'][typeof r]>) => void propose('escalation', { escalationRules: { ...rules, [r]: { ...rules[r], ...rule } } }).catch(reportError);
              return (
                <span key={r} className="setting-rule" data-rule={r}>
                  <label className="setting-check">
                    <input type="checkbox" checked={rules[r].enabled} onChange={(e) => change({ enabled: e.target.checked })} />
                    <span>{t(`escalation.${r}`)}</span>
                  </label>
                  <span aria-hidden>→</span>
                  <select value={rules[r].to} aria-label={t(`escalation.${r}`)} onChange={(e) => change({ to: e.target.value as 'key' | 'difficult' })}>
                    <option value="key">{t('whistle.key')}</option>
                    <option value="difficult">{t('whistle.difficult')}</option>
                  </select>
                </span>
              );
            })}
          </div>
          {confirm('escalation')}
          <UndoRuleChange />
        </>
      )}
      <h2>{t('routing.title')}</h2>
      <RoutingRules />
      {app?.role === 'console' && app.access === 'desk' && <ReportSchedule />}
      <EmbeddedHubSection />
    </section>
  );
}
