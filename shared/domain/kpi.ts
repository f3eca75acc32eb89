/** KPI rules (pure). */

/** part ÷ whole as a share from 0 to 1; null when there is nothing to divide by (shown as "—", never as 0%). */
export function share(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.min(1, Math.max(0, part / whole));
}

/** The KPI wall's three rates of some sums: 办结率 (resolved ÷ received), 按时办结率 (on time ÷ resolved), 满意率
 * (满意 ÷ rated call-backs). */
export type KpiRateValues = { closedRate: number | null; onTimeRate: number | null; satisfactionRate: number | null };
export const ratesOf = (s: { intake: number; done: number; onTime: number; rated: number; satisfied: number }): KpiRateValues => ({
  closedRate: share(s.done, s.intake),
  onTimeRate: share(s.onTime, s.done),
  satisfactionRate: share(s.satisfied, s.rated),
});
