/** Locale (zh-CN by default, English switchable, remembered) and the translate hook over the one catalogue. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { labelOr, translate, type Locale, type MessageKey } from '../../shared/i18n/catalogue';
import { durationOf } from './format';
import { placeName, subDistrictName, subDistrictShortName } from '../../shared/domain/divisions';

type I18n = {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Label for a code that may be unknown (e.g. a category a hub invented): falls back to the code. */
  label(prefix: string, code: string): string;
  /** A sub-district's name in this language ("任港" / "Rengang"; `full`: "任港街道" / "Rengang Subdistrict"). */
  place(code: string, full?: boolean): string;
  /** A sub-district's or community's name in this language (warnings name either). */
  placeOf(code: string): string;
  /** A span of time as said on the wall ("3小时" / "3 h"). */
  span(ms: number): string;
};

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'liandong.locale';

function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  const saved = fromUrl ?? localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  // The page says its language (screen readers, the language walk test; ticket data carries its own lang).
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      label: (prefix, code) => labelOr(locale, `${prefix}.${code}`, code),
      place: (code, full) => (full ? subDistrictName(code, locale) : subDistrictShortName(code, locale)),
      placeOf: (code) => placeName(code, locale),
      span: (ms) => {
        const d = durationOf(ms);
        return translate(locale, `duration.${d.unit}`, { n: d.n });
      },
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside <I18nProvider>');
  return v;
}
