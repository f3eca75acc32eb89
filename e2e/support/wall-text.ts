/**
 * What the wall shows as text, measured in the page: every visible element with text of its own (HTML text
 * nodes and SVG <text>), its computed font size and whether it is a desk control (forms, filters, actions,
 * settings: the smaller --t-desk is allowed there) or wall text (at least --t-wall).
 */
import type { Page } from 'playwright-core';

/** Containers whose text is a desk control, not read from the room. */
export const DESK_CONTROLS = 'input, select, textarea, option, button, label, .filters, .ticket-actions, .settings, .audit-view, .outbox-list, .quarantine-list, .meeting-create, .decision, .add-by-no, .report-form, .minutes-downloads';

export type TextBox = { text: string; px: number; desk: boolean; where: string };

export function wallTexts(page: Page, within = '.wall'): Promise<TextBox[]> {
  return page.evaluate(
    ({ within, desk }) => {
      const out: { text: string; px: number; desk: boolean; where: string }[] = [];
      const root = document.querySelector(within);
      if (!root) return out;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const seen = new Set<Element>();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim();
        const el = n.parentElement;
        if (!text || !el || seen.has(el)) continue;
        seen.add(el);
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.opacity === '0') continue;
        // Off screen (a scrolled-away row, a virtualised spacer) is not shown.
        if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) continue;
        const cls = typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? '');
        out.push({ text: text.slice(0, 40), px: parseFloat(style.fontSize), desk: !!el.closest(desk), where: `${el.tagName.toLowerCase()}.${cls.split(' ').filter(Boolean).join('.')}` });
      }
      return out;
    },
    { within, desk: DESK_CONTROLS },
  );
}

/** The page's root font size in px (1 rem). */
export const remOf = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

export type Rect = { left: number; top: number; right: number; bottom: number; width: number; height: number };
export const rectsOf = (page: Page, selector: string): Promise<Rect[]> =>
  page.$$eval(selector, (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  }));
export const overlap = (a: Rect, b: Rect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/**
 * Every piece of UI text on the page in the UI's own language: visible text nodes, and placeholders, titles, labels
 * and select options — leaving out what is marked as data in another language (an element with its own lang, e.g.
 * a ticket's complaint) or as a code (translate="no").
 */
export function uiTexts(page: Page): Promise<{ text: string; where: string }[]> {
  return page.evaluate(() => {
    const ui = document.documentElement.lang;
    const isData = (el: Element) => {
      const marked = el.closest('[lang]');
      return (marked && marked !== document.documentElement && marked.getAttribute('lang') !== ui) || !!el.closest('[translate="no"]');
    };
    const where = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${(el.getAttribute('class') ?? '').split(' ').filter(Boolean).slice(0, 2).join('.')}`;
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || isData(el) || el.closest('script, style')) continue;
      const r = el.getBoundingClientRect();
      if ((r.width === 0 || r.height === 0) && !el.closest('select')) continue;
      out.push({ text, where: where(el) });
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (isData(el)) continue;
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push({ text: v, where: `${where(el)}[${a}]` });
      }
    }
    return out;
  });
}

/** CJK characters and full-width punctuation. */
export const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** ASCII words allowed in Chinese text: ticket numbers, format names and acronyms, setting names, units. */
export function englishWordsIn(text: string): string[] {
  const cleaned = text
    .replace(/\b[A-Z]{2,}-\d{8}-\d+\b/g, '') // ticket numbers (WG-20261201-0000383)
    .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, '') // acronyms and setting names (GIS, CSV, LIANDONG_HUB_CA)
    .replace(/\b(GeoJSON|JSON|PDF|MB|KB|GB|km|px|Liandong)\b/g, '');
  return cleaned.match(/[A-Za-z]{2,}/g) ?? [];
}
