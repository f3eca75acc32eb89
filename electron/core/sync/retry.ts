/** Exponential backoff with jitter, for pulls and deliveries. */
export type RetryPolicy = { baseMs: number; maxMs: number };
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 500, maxMs: 30_000 };

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
