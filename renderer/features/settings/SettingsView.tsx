/** Settings: the district map pack (load a GIS export, or go back to the built-in one) and the wall's playlist. */
import { useState, type ChangeEvent } from 'react';
import type { WallSettings } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { RoutingRules } from '../routing/RoutingRules';
import { EmbeddedHubSection } from './EmbeddedHubSection';
import { ESCALATION_REASONS } from '../../../shared/domain/escalation';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

export function SettingsView({ wall }: { wall: WallSettings | undefined }) {
  const { t } = useI18n();
  const client = useClient();
  const pack = useLiveQuery('map.pack', {}, ['map.packChanged']).data;
  const displays = useLiveQuery('settings.displays', {}, []).data ?? [];
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const loadFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const info = await client.call('map.setPack', { text: await file.text() });
      const areas = info.pack.features.length;
      setMessage({ ok: true, text: t('settings.mapPackLoaded', { n: areas }) + (info.missing.length ? ` · ${t('settings.mapPackMissing', { names: info.missing.join('、') })}` : '') });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  const saveWall = (patch: Partial<WallSettings>) => wall && client.call('settings.setWall', { ...wall, ...patch }).catch(reportError);

  return (
    <section className="settings" data-testid="settings-view">
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
          <label>
            <input type="checkbox" checked={wall.playlist.enabled} onChange={(e) => saveWall({ playlist: { ...wall.playlist, enabled: e.target.checked } })} data-testid="playlist-enabled" />{' '}
            {t('settings.playlistOn')}
          </label>
          <label>
            {t('settings.playlistEvery')}{' '}
            <input type="number" min={10} max={3600} value={wall.playlist.everySec} onChange={(e) => Number(e.target.value) >= 10 && saveWall({ playlist: { ...wall.playlist, everySec: Math.round(Number(e.target.value)) } })} data-testid="playlist-every" />
          </label>
          <label>
            {t('settings.softReload')}{' '}
            <input type="number" min={0} max={168} value={wall.softReloadHours} onChange={(e) => saveWall({ softReloadHours: Math.max(0, Math.min(168, Math.round(Number(e.target.value) || 0))) })} data-testid="soft-reload" />
          </label>
        </div>
      )}
      <h2>{t('settings.warningRule')}</h2>
      {wall && (
        <div className="settings-row">
          <label>
            {t('settings.warningThreshold')}{' '}
            <input type="number" min={1} max={1000} value={wall.warningRule.threshold} onChange={(e) => Number(e.target.value) >= 1 && saveWall({ warningRule: { ...wall.warningRule, threshold: Math.min(1000, Math.round(Number(e.target.value))) } })} data-testid="warning-threshold" />
          </label>
          <label>
            {t('settings.warningWindow')}{' '}
            <input type="number" min={1} max={90} value={wall.warningRule.windowDays} onChange={(e) => Number(e.target.value) >= 1 && saveWall({ warningRule: { ...wall.warningRule, windowDays: Math.min(90, Math.round(Number(e.target.value))) } })} data-testid="warning-window" />
          </label>
        </div>
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
      {wall && (
        <div className="settings-row" data-testid="escalation-rules">
          {ESCALATION_REASONS.map((r) => (
            <label key={r} data-rule={r}>
              <input type="checkbox" checked={wall.escalationRules[r].enabled} onChange={(e) => saveWall({ escalationRules: { ...wall.escalationRules, [r]: { ...wall.escalationRules[r], enabled: e.target.checked } } })} />
              {t(`escalation.${r}`)} →{' '}
              <select value={wall.escalationRules[r].to} onChange={(e) => saveWall({ escalationRules: { ...wall.escalationRules, [r]: { ...wall.escalationRules[r], to: e.target.value as 'key' | 'difficult' } } })}>
                <option value="key">{t('whistle.key')}</option>
                <option value="difficult">{t('whistle.difficult')}</option>
              </select>
            </label>
          ))}
        </div>
      )}
      <h2>{t('routing.title')}</h2>
      <RoutingRules />
      <EmbeddedHubSection />
    </section>
  );
}
