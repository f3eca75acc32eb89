/**
 * 分类对照: the platforms' category texts → our categories. The entries can be changed or removed, a text added;
 * the texts imports met that the map does not know are listed with their row counts and a keyword suggestion,
 * which is only shown — the chair chooses (选用建议 fills the choice, nothing is saved by itself). 保存 sends the
 * whole map; the hub moves the tickets imported under 其他 to their new category and says how many.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { CategoryMap, CategoryMapEntry } from '../../../shared/contract';
import { CATEGORIES } from '../../../shared/domain/categories';
import { useClient } from '../../app/client-context';
import { DataText } from '../../app/DataText';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { TableHead } from '../../app/TableHead';
import './import.css';
import { Alert } from './Alert';

function CategorySelect({ value, onChange, testId, labelledBy }: { value: string; onChange: (c: string) => void; testId: string; /** The element that names it (a platform text is data: not put into an attribute). */ labelledBy: string }) {
  const { t, label } = useI18n();
  const known = (CATEGORIES as readonly string[]).includes(value) || value === '';
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-labelledby={labelledBy}>
      <option value="">{t('import.catmap.choose')}</option>
      {CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {t(`category.${c}`)}
        </option>
      ))}
      {!known && <option value={value}>{label('category', value)}</option>}
    </select>
  );
}

export function CategoryMapEditor() {
  const { t, locale, label } = useI18n();
  const client = useClient();
  const [map, setMap] = useState<CategoryMap | null>(null);
  const [entries, setEntries] = useState<CategoryMapEntry[]>([]);
  const [assigned, setAssigned] = useState<Record<string, string>>({});
  const [added, setAdded] = useState({ text: '', category: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const take = (m: CategoryMap) => (setMap(m), setEntries(m.entries), setAssigned({}));
  useEffect(() => {
    client.call('imports.categoryMap', {}).then(take, (e: unknown) => setMessage({ ok: false, text: errorText(e, locale) }));
  }, [client, locale]);

  const next = useMemo(() => {
    const out = new Map(entries.map((e) => [e.text, e.category]));
    for (const [text, category] of Object.entries(assigned)) if (category) out.set(text, category);
    return [...out].map(([text, category]) => ({ text, category }));
  }, [entries, assigned]);
  const changed = map !== null && JSON.stringify(next) !== JSON.stringify(map.entries);
  const incomplete = next.some((e) => !e.category);

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await client.call('imports.saveCategoryMap', { entries: next });
      take(saved);
      setMessage({ ok: true, text: t('import.catmap.saved', { n: saved.recategorised }) });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, locale) });
    } finally {
      setBusy(false);
    }
  };
  const add = () => {
    const text = added.text.trim();
    if (!text || !added.category) return;
    setEntries((es) => [...es.filter((e) => e.text !== text), { text, category: added.category }]);
    setAdded({ text: '', category: '' });
  };

  if (!map) return message ? <Alert>{message.text}</Alert> : <p>{t('wall.loading')}</p>;
  return (
    <section className="import-catmap" data-testid="category-map">
      <h2>{t('settings.tab.categoryMap')}</h2>
      <p className="muted import-explain">{t('import.catmap.explain')}</p>

      <h3>{t('import.catmap.unknown', { n: map.unknown.length })}</h3>
      {map.unknown.length === 0 ? (
        <p className="muted">{t('import.catmap.unknownNone')}</p>
      ) : (
        <table className="import-table" data-testid="category-unknown">
          <TableHead columns={['import.catmap.text', 'import.catmap.rows', 'import.catmap.suggestion', 'import.catmap.category']} />
          <tbody>
            {map.unknown.map((u, i) => (
              <tr key={u.text} data-testid="category-unknown-row" data-text={u.text}>
                <td id={`${id}-u${i}`}>
                  <DataText>{u.text}</DataText>
                </td>
                <td className="num">{u.rows.toLocaleString(locale)}</td>
                <td>
                  {u.suggestion ? (
                    <span className="import-suggestion">
                      <span data-testid="category-suggestion">{label('category', u.suggestion)}</span>
                      <button type="button" onClick={() => setAssigned((a) => ({ ...a, [u.text]: u.suggestion! }))} data-testid="category-use-suggestion">
                        {t('import.catmap.useSuggestion')}
                      </button>
                    </span>
                  ) : (
                    <span className="muted">{t('import.catmap.noSuggestion')}</span>
                  )}
                </td>
                <td>
                  <CategorySelect value={assigned[u.text] ?? ''} onChange={(c) => setAssigned((a) => ({ ...a, [u.text]: c }))} testId="category-assign" labelledBy={`${id}-u${i}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="settings-row import-catmap-save">
        <button type="button" className="primary" disabled={busy || !changed || incomplete} onClick={() => void save()} data-testid="category-save">
          {t('import.catmap.save')}
        </button>
        {changed && <span className="muted">{t('import.catmap.unsaved')}</span>}
      </div>
      {message && (
        <p className={message.ok ? 'settings-ok' : 'settings-error'} role={message.ok ? 'status' : 'alert'} data-testid="category-message">
          {message.text}
        </p>
      )}

      <h3>{t('import.catmap.entries', { n: entries.length })}</h3>
      {entries.length === 0 && <p className="muted">{t('import.catmap.empty')}</p>}
      <ul className="import-catmap-entries" data-testid="category-entries">
        {entries.map((e, i) => (
          <li key={e.text} data-testid="category-entry" data-text={e.text}>
            <span id={`${id}-e${i}`} className="import-catmap-text">
              <DataText title={e.text}>{e.text}</DataText>
            </span>
            <CategorySelect value={e.category} onChange={(c) => setEntries((es) => es.map((x) => (x.text === e.text ? { ...x, category: c } : x)))} testId="category-entry-select" labelledBy={`${id}-e${i}`} />
            <button type="button" className="small" onClick={() => setEntries((es) => es.filter((x) => x.text !== e.text))}>
              {t('import.catmap.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="settings-row import-catmap-add">
        <span id={`${id}-add`} hidden>
          {t('import.catmap.category')}
        </span>
        <input value={added.text} maxLength={200} onChange={(e) => setAdded((a) => ({ ...a, text: e.target.value }))} placeholder={t('import.catmap.text')} aria-label={t('import.catmap.text')} data-testid="category-add-text" />
        <CategorySelect value={added.category} onChange={(c) => setAdded((a) => ({ ...a, category: c }))} testId="category-add-select" labelledBy={`${id}-add`} />
        <button type="button" onClick={add} disabled={!added.text.trim() || !added.category} data-testid="category-add">
          {t('import.catmap.add')}
        </button>
      </div>
    </section>
  );
}
