// Distributions over seeds: nearest-rank percentiles, so every reported number is one that was
// actually measured (no interpolation), and the same values always give the same summary.

export interface Distribution {
  /** How many values were summarized (checkpoints, or runs). */
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Arithmetic mean, rounded to 3 decimals so that it prints the same everywhere. */
  readonly mean: number;
}

export const EMPTY_DISTRIBUTION: Distribution = { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };

/** The value at rank ceil(q * n) of the sorted values (q in (0, 1]). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function distributionOf(values: readonly number[]): Distribution {
  if (values.length === 0) return EMPTY_DISTRIBUTION;
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1]!,
    mean: round3(sum / sorted.length),
  };
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
