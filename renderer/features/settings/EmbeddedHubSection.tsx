/**
 * 本机中心: where this console's embedded hub listens and the command that starts a station console against
 * it on this PC. Shown to the desk only: the call is refused on a read-only wall link (it carries a token),
 * and a console with a configured hub, or a station, has none to offer.
 */
import { useState } from 'react';

import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

const DEFAULT_STATION = '320613004'; // 新城桥街道, as the start-up lines

export function EmbeddedHubSection() {
  const { t, place } = useI18n();
  const info = useLiveQuery('app.embeddedHub', {}, [], { quiet: true }).data;
  const [code, setCode] = useState(DEFAULT_STATION);
  if (!info) return null;
  const station = info.stations.find((s) => s.stationCode === code) ?? info.stations[0];
  return (
    <section className="embedded-hub" data-testid="embedded-hub">
      <h2>{t('settings.embeddedHub')}</h2>
      <p className="muted">{t('settings.embeddedHubHint')}</p>
      <dl className="embedded-hub-facts">
        <dt>{t('settings.embeddedHubAddress')}</dt>
        <dd>
          <code translate="no" data-testid="embedded-hub-url">{info.url}</code>
        </dd>
        <dt>{t('settings.embeddedHubStation')}</dt>
        <dd>
          <select value={station?.stationCode} onChange={(e) => setCode(e.target.value)} data-testid="embedded-hub-station">
            {info.stations.map((s) => (
              <option key={s.stationCode} value={s.stationCode}>
                {place(s.stationCode, true)}
              </option>
            ))}
          </select>
        </dd>
        <dt>{t('settings.embeddedHubCommand')}</dt>
        <dd>
          <textarea className="command" translate="no" readOnly rows={3} value={station?.command ?? ''} onFocus={(e) => e.target.select()} data-testid="embedded-hub-command" />
        </dd>
      </dl>
    </section>
  );
}
