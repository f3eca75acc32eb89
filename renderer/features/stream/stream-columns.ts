/**
 * The stream's columns, laid out from the width it has: every column gets the width its longest label needs
 * (measured in the wall's own type), the complaint text the rest — never less than SUMMARY_MIN_REM. Where that
 * does not fit, columns move, least needed first, into the row's second line (beside the address), so what a
 * duty head reads first stays in its place and nothing is cut off.
 */
/** `time` holds the source under the time (two lines, like every row). */
export const STREAM_COLUMNS = ['time', 'ticketNo', 'category', 'summary', 'subDistrict', 'whistle', 'status'] as const;
export type StreamColumn = (typeof STREAM_COLUMNS)[number];
export type MovableColumn = Exclude<StreamColumn, 'summary' | 'time' | 'status'>;

/** Which columns leave the table first when the stream is narrow (they go into the second line). */
export const MOVE_ORDER: readonly MovableColumn[] = ['ticketNo', 'whistle', 'category', 'subDistrict'];
/** The second line: moved columns before the address, the ticket number after it (the least needed, cut first). */
export const SECOND_LINE_ORDER: readonly (MovableColumn | 'address')[] = ['whistle', 'category', 'subDistrict', 'address', 'ticketNo'];
/** The complaint's least width, in root ems (about 11 Chinese characters in the wall's type). */
export const SUMMARY_MIN_REM = 14;

export type ColumnLayout = {
  /** Columns shown as columns, in table order, with their widths in px (summary: the rest). */
  shown: { column: StreamColumn; px: number }[];
  /** Columns moved into the second line, in the second line's order. */
  moved: MovableColumn[];
};

/**
 * `needPx`: each column's width in px (its widest label or header, padding included); `widthPx`: the table's
 * width; `remPx`: the root font size.
 */
export function layoutColumns(needPx: Readonly<Record<Exclude<StreamColumn, 'summary'>, number>>, widthPx: number, remPx: number): ColumnLayout {
  const minSummary = SUMMARY_MIN_REM * remPx;
  const moved = new Set<MovableColumn>();
  const fixed = () => STREAM_COLUMNS.filter((c): c is Exclude<StreamColumn, 'summary'> => c !== 'summary' && !moved.has(c as MovableColumn)).reduce((a, c) => a + needPx[c], 0);
  for (const c of MOVE_ORDER) {
    if (widthPx - fixed() >= minSummary) break;
    moved.add(c);
  }
  const rest = Math.max(0, widthPx - fixed());
  return {
    shown: STREAM_COLUMNS.filter((c) => c === 'summary' || !moved.has(c as MovableColumn)).map((c) => ({ column: c, px: c === 'summary' ? rest : needPx[c] })),
    moved: SECOND_LINE_ORDER.filter((c): c is MovableColumn => c !== 'address' && moved.has(c)),
  };
}
