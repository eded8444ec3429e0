/**
 * The one percentile every bench reports: nearest rank. For samples sorted ascending, the p-th percentile is
 * the smallest sample with at least p % of all samples at or below it (index ceil(p/100 * n) - 1), so p50 of
 * [1, 2, 3, 4] is 2 and p99 of 100 samples is the 99th, never an interpolated value nobody measured.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p95, p99 and max of unsorted samples. */
export function summarize(samples: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
