/**
 * The stream's column layout for the width it has now (stream-columns.ts): each column's need is measured in the
 * wall's own type and the current language (its header and its widest label), the width is watched.
 */
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { CATEGORIES } from '../../../shared/domain/categories';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { TICKET_STATUSES } from '../../../shared/domain/status';
import { TICKET_SOURCES, WHISTLE_LEVELS } from '../../../shared/domain/ticket';
import { useI18n } from '../../app/i18n';
import { layoutColumns, type ColumnLayout, type StreamColumn } from './stream-columns';

/** Categories may wrap onto the row's second line: their column needs at most this many root ems. */
const CATEGORY_MAX_REM = 7;

/** `box`: the element whose width the table fills (the scroller: the table itself keeps the width it was given). */
export function useColumnLayout(box: RefObject<HTMLElement | null>, rem: number): ColumnLayout | null {
  const { t, label, place } = useI18n();
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [box]);
  const need = useMemo(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    const font = getComputedStyle(document.body);
    const px = 1.2 * rem;
    const w = (texts: string[], bold = false) => {
      if (!ctx) return texts.reduce((a, s) => Math.max(a, s.length * px), 0);
      ctx.font = `${bold ? 700 : 400} ${px}px ${font.fontFamily}`;
      return texts.reduce((a, s) => Math.max(a, ctx.measureText(s).width), 0);
    };
    const pad = 0.7 * rem; // cell padding both sides
    const chip = 0.8 * rem; // a label's own padding and border
    const head = (k: Parameters<typeof t>[0]) => w([t(k)]) + pad;
    const dur = [t('wall.overdueBy', { d: t('duration.hours', { n: 47 }) }), t('wall.dueIn', { d: t('duration.minutes', { n: 59 }) })];
    return {
      time: Math.max(head('col.time'), w(['88:88', '88/88']) + pad, w(TICKET_SOURCES.map((s) => label('sourceShort', s))) + chip + pad),
      ticketNo: Math.max(head('col.ticketNo'), w(['12345-20261130-0000000']) + pad),
      category: Math.max(head('col.category'), Math.min(CATEGORY_MAX_REM * rem, w(CATEGORIES.map((c) => label('category', c))) + pad)),
      subDistrict: Math.max(head('col.subDistrict'), w(DIVISIONS.subDistricts.map((s) => place(s.code))) + pad),
      whistle: Math.max(head('col.whistle'), w(WHISTLE_LEVELS.map((x) => label('whistle', x))) + chip + pad),
      status: Math.max(head('col.status'), w(TICKET_STATUSES.map((s) => label('status', s))) + pad, w(dur) + chip + pad),
    } satisfies Record<Exclude<StreamColumn, 'summary'>, number>;
  }, [t, label, place, rem]);
  return useMemo(() => (width > 0 ? layoutColumns(need, width, rem) : null), [need, width, rem]);
}
