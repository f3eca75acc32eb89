/**
 * Area labels are HTML (the map has no glyphs offline), so they do not avoid each other by themselves: in the
 * wall's type, long names (English) overlap in the dense centre. Keep the labels of the busiest areas and hide a
 * label that would overlap one kept (its figures stay in the ranking and on its card).
 */
export type Box = { left: number; top: number; right: number; bottom: number };

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Which labels to show: `labels` busiest first; returns the indexes kept. */
export function keepApart(labels: readonly Box[]): Set<number> {
  const kept: Box[] = [];
  const out = new Set<number>();
  labels.forEach((b, i) => {
    if (kept.some((k) => overlaps(k, b))) return;
    kept.push(b);
    out.add(i);
  });
  return out;
}
