/**
 * 地名库: the place names the hub places tickets by (built in, or a CSV the centre loaded), with counts by kind;
 * loading a CSV (名称,经度,纬度[,类型][,街道]; UTF-8 or GBK) replaces the loaded one, and the lines it refused are
 * listed with their reasons.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import type { GazetteerInfo, GazetteerLoaded } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { Verbatim } from '../../app/DataText';
import { errorText } from '../../app/errors';
import { formatClock, formatDay } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { fileText, formatBytes } from './file-text';
import { RefusedTable } from './RefusedTable';
import { DATA, WithData } from './WithData';
import './import.css';

const KINDS = ['compound', 'road', 'landmark', 'community'] as const;
/** A loaded CSV travels to the console in one message: UTF-8 text up to this size. */
const MAX_BYTES = 12 * 1024 * 1024;
const FORMAT = '名称,经度,纬度[,类型][,街道]';

export function GazetteerSection() {
  const { t, locale } = useI18n();
  const client = useClient();
  const [info, setInfo] = useState<GazetteerInfo | null>(null);
  const [loaded, setLoaded] = useState<GazetteerLoaded | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    client.call('imports.gazetteer', {}).then(setInfo, (e: unknown) => setMessage({ ok: false, text: errorText(e, locale) }));
  }, [client, locale]);

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setMessage(null);
    setLoaded(null);
    setBusy(true);
    try {
      const csv = await fileText(file);
      const size = new Blob([csv]).size;
      if (size > MAX_BYTES) return setMessage({ ok: false, text: t('import.gaz.tooLarge', { size: formatBytes(size), max: formatBytes(MAX_BYTES) }) });
      const answer = await client.call('imports.loadGazetteer', { fileName: file.name, csv });
      setInfo(answer);
      setLoaded(answer);
      setMessage({ ok: true, text: t('import.gaz.loaded', { n: answer.entries.toLocaleString(locale) }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, locale) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="import-gazetteer" data-testid="gazetteer">
      <h2>{t('settings.tab.gazetteer')}</h2>
      <p className="muted import-explain">{t('import.gaz.explain')}</p>
      <p>
        {t('import.gaz.format')} <code translate="no">{FORMAT}</code>
      </p>
      {info && (
        <dl className="import-gaz-facts" data-testid="gazetteer-info">
          <dt>{t('import.gaz.source')}</dt>
          <dd data-testid="gazetteer-source">
            {info.source === 'builtIn' ? (
              t('import.gaz.builtIn')
            ) : (
              <WithData text={t('import.gaz.file', { name: DATA, time: info.loadedAt ? `${formatDay(info.loadedAt)} ${formatClock(info.loadedAt)}` : '—' })} data={<Verbatim>{info.source}</Verbatim>} />
            )}
          </dd>
          <dt>{t('import.gaz.entries', { n: info.entries.toLocaleString(locale) })}</dt>
          <dd className="import-gaz-kinds">
            {KINDS.map((k) => (
              <span key={k} data-kind={k}>
                {t(`import.gaz.kind.${k}`)} <strong>{(info.byKind[k] ?? 0).toLocaleString(locale)}</strong>
              </span>
            ))}
          </dd>
        </dl>
      )}
      <div className="settings-row">
        <label className={`button${busy ? ' disabled' : ''}`}>
          {t('import.gaz.load')}
          <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => void load(e)} disabled={busy} data-testid="gazetteer-file" hidden />
        </label>
      </div>
      {message && (
        <p className={message.ok ? 'settings-ok' : 'settings-error'} role={message.ok ? 'status' : 'alert'} data-testid="gazetteer-message">
          {message.text}
        </p>
      )}
      {loaded && loaded.refusedCount > 0 && (
        <>
          <p className="settings-error" data-testid="gazetteer-refused-count">
            {t('import.gaz.refused', { n: loaded.refusedCount.toLocaleString(locale) })}
          </p>
          <RefusedTable rows={loaded.refused} withTicketNo={false} testId="gazetteer-refused" />
        </>
      )}
    </section>
  );
}
