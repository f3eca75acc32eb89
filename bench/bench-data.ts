/** The benchmark's tickets: deterministic batches (the same rows for the baseline and the sync). */
import { generateTickets } from '../hub/demo/ticket-generator';

export const BENCH_NOW = Date.UTC(2026, 10, 23, 4);
export const BENCH_BATCH = 20_000;

export function benchBatch(start: number, total: number) {
  return generateTickets(Math.min(BENCH_BATCH, total - start), { now: BENCH_NOW, seed: 9000 + start / BENCH_BATCH, startIndex: start, spanMs: 365 * 86_400_000 });
}
