/** The wall's root font size in px (it scales with the screen: 20 at 1920 × 1080). Reading a computed style makes
 * the browser recompute styles first: read it on mount and on resize, not per render. */
export const readRootFontSize = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;

/** Times on the wall are Beijing time, whatever the machine's zone. */
const TZ = 'Asia/Shanghai';
const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
const mdhm = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const hms = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const ymd = {
  // The wall's date under its clock: the year goes without saying, the header's width does not.
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: 'long', day: 'numeric', weekday: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, month: 'short', day: 'numeric', weekday: 'short' }),
};

/** Beijing is UTC+8 all year (no daylight saving): its calendar day is a division, no formatter needed. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const dayOf = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / 86_400_000);

export const formatClock = (ms: number) => hms.format(ms);
export const formatDate = (ms: number, locale: 'zh-CN' | 'en' = 'zh-CN') => ymd[locale].format(ms);
/** "14:05" in Beijing. */
export const formatTime = (ms: number) => hm.format(ms);
/** Today: "14:05"; other days: "11/21 14:05". */
export const formatWhen = (ms: number, now: number) => (dayOf(ms) === dayOf(now) ? hm.format(ms) : mdhm.format(ms));
const ymdShort = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
/** "2026/11/23" in Beijing. */
export const formatDay = (ms: number) => ymdShort.format(ms);
/** The Beijing date as an <input type="date"> value ("2026-11-23"), and back to 18:00 Beijing that day. */
export const toDateInput = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
export const fromDateInput = (v: string) => Date.parse(`${v}T18:00:00+08:00`);
/** Names typed in one field, split on Chinese or Latin commas and 、 ("区城管局，区住建局"). */
export const splitNames = (s: string) => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);

/** A span as a duty head says it: minutes under an hour, hours under two days, else days (whole, rounded down; at least 1). */
export function durationOf(ms: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const m = Math.max(1, Math.floor(ms / 60_000));
  if (m < 60) return { unit: 'minutes', n: m };
  const h = Math.floor(m / 60);
  if (h < 48) return { unit: 'hours', n: h };
  return { unit: 'days', n: Math.floor(h / 24) };
}
