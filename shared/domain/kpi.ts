/** KPI rules (pure). */

/** part ÷ whole as a share from 0 to 1; null when there is nothing to divide by (shown as "—", never as 0%). */
export function share(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.min(1, Math.max(0, part / whole));
}
