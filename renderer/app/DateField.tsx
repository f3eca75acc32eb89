/**
 * Dates as the screen's language says them, not the browser's (a browser's own date input follows its locale:
 * 「November 2026」, mm/dd/yyyy inside a Chinese screen). A day is typed as 2026-12-03 — the form both languages
 * read — and said beside it in words (12月3日星期四 / Thu 3 Dec), or picked from a calendar in the screen's
 * language (react-day-picker). A month is a year and a month chosen from two lists. Values stay ISO
 * ('yyyy-mm-dd', 'yyyy-mm'), as the forms send them.
 */
import { useEffect, useRef, useState } from 'react';
import { DayPicker, TZDate } from 'react-day-picker';
import { enGB, zhCN } from 'react-day-picker/locale';
import { beijingDayOf } from '../../shared/domain/report-period';
import { formatDate, fromDateInput } from './format';
import { useI18n } from './i18n';

/** 'yyyy-mm-dd' if the text is a real calendar day so written, else null. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d ? text.trim() : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A day in words; its year too when it is not this year (2027年1月2日星期六 / Sat 2 Jan 2027). */
export function sayDay(iso: string, locale: 'zh-CN' | 'en', now = Date.now()): string {
  const words = formatDate(fromDateInput(iso), locale);
  const year = iso.slice(0, 4);
  if (year === beijingDayOf(now).slice(0, 4)) return words;
  return locale === 'zh-CN' ? `${year}年${words}` : `${words} ${year}`;
}

/** Room under the field for the calendar (px); with less, it opens upward. */
const CALENDAR_HEIGHT = 360;
/** The calendar runs on Beijing's days (today, the day picked), whatever the machine's own zone. */
const ZONE = 'Asia/Shanghai';
const dateOf = (iso: string) => new TZDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), 12, ZONE);

/** The form gets 'yyyy-mm-dd', or '' while the text is no day; `optional`: an empty field is a value too (no date, as
 * in a filter), otherwise the form waits for a day. */
export function DateField({ value, onChange, testId, label, optional = false }: { value: string; onChange: (iso: string) => void; testId?: string; label?: string; optional?: boolean }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  const [open, setOpen] = useState<false | 'down' | 'up'>(false);
  const box = useRef<HTMLSpanElement>(null);
  const toggle = () => {
    if (open) return setOpen(false);
    const below = window.innerHeight - (box.current?.getBoundingClientRect().bottom ?? 0);
    setOpen(below < CALENDAR_HEIGHT ? 'up' : 'down');
  };
  // A value set from outside (a form reset, the calendar) shows in the field; one this field reported does not
  // overwrite what the user is typing.
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  // The calendar closes on a click elsewhere or Escape.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const day = parseDay(text);
  const empty = optional && text.trim() === '';
  return (
    <span className="date-field" ref={box}>
      <input
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // What the form holds: the day, or '' while the text is no day (the form waits for one).
          const d = parseDay(e.target.value) ?? '';
          setShown(d);
          if (d !== value) onChange(d);
        }}
        placeholder={t('date.placeholder')}
        aria-label={label}
        aria-invalid={day === null && !empty}
        inputMode="numeric"
        data-testid={testId}
      />
      <button type="button" className="date-field-open" aria-label={t('date.pick')} aria-expanded={open !== false} onClick={toggle} data-testid={testId && `${testId}-pick`}>
        ▦
      </button>
      {!empty && (
        <span className={`date-field-said small ${day ? 'muted' : 'bad'}`} role={day ? undefined : 'alert'} data-testid={testId && `${testId}-said`}>
          {day ? sayDay(day, locale) : /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? t('date.noSuchDay', { text: text.trim() }) : t('date.invalid')}
        </span>
      )}
      {open && (
        <div className={`date-field-calendar ${open}`} role="dialog" aria-label={t('date.pick')}>
          <DayPicker
            mode="single"
            locale={locale === 'zh-CN' ? zhCN : enGB}
            weekStartsOn={1}
            timeZone={ZONE}
            noonSafe
            defaultMonth={day ? dateOf(day) : TZDate.tz(ZONE)}
            selected={day ? dateOf(day) : undefined}
            onSelect={(d) => {
              if (!d) return;
              onChange(beijingDayOf(d.getTime()));
              setOpen(false);
            }}
            footer={<span className="small muted">{t('date.today', { day: formatDate(Date.now(), locale) })}</span>}
          />
        </div>
      )}
    </span>
  );
}

/** A month ('yyyy-mm') from a year list and a month list, named in the screen's language (2026年 11月 / 2026 November). */
export function MonthField({ value, onChange, testId, years }: { value: string; onChange: (iso: string) => void; testId?: string; years: readonly number[] }) {
  const { t, locale } = useI18n();
  const [y, m] = [Number(value.slice(0, 4)), Number(value.slice(5, 7))];
  // 11月 in Chinese (not 十一月), November in English.
  const monthName = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { month: locale === 'zh-CN' ? 'numeric' : 'long', timeZone: 'UTC' });
  return (
    <span className="month-field" data-testid={testId}>
      <select value={y} onChange={(e) => onChange(`${e.target.value}-${pad(m)}`)} aria-label={t('date.year')} data-testid={testId && `${testId}-year`}>
        {years.map((x) => (
          <option key={x} value={x}>
            {t('date.yearName', { y: x })}
          </option>
        ))}
      </select>
      <select value={m} onChange={(e) => onChange(`${y}-${pad(Number(e.target.value))}`)} aria-label={t('date.month')} data-testid={testId && `${testId}-month`}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((x) => (
          <option key={x} value={x}>
            {monthName.format(Date.UTC(2000, x - 1, 15))}
          </option>
        ))}
      </select>
    </span>
  );
}
