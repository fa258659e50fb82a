// A cell's distributions: checkpoint metrics over every completed checkpoint of every seed, run
// metrics over the seeds (one value per run).
import { CHECKPOINT_METRICS, RUN_METRICS, type CheckpointMetricName, type RunMetricName } from './metrics.ts';
import type { RunRecord, ViolationNote } from './compare.ts';
import { distributionOf, round3, type Distribution } from './stats.ts';

export interface CellSummary {
  readonly checkpoint: Readonly<Record<CheckpointMetricName, Distribution>>;
  readonly run: Readonly<Record<RunMetricName, Distribution>>;
  readonly violations: readonly ViolationNote[];
}

export function summarize(runs: readonly RunRecord[]): CellSummary {
  const checkpoints = runs.flatMap((r) => r.checkpoints);
  const checkpoint = Object.fromEntries(CHECKPOINT_METRICS.map((m) => [m, distributionOf(checkpoints.map((c) => c[m]))])) as Record<CheckpointMetricName, Distribution>;
  const run = Object.fromEntries(RUN_METRICS.map((m) => [m, distributionOf(runs.map((r) => runValue(r, m)))])) as Record<RunMetricName, Distribution>;
  return { checkpoint, run, violations: runs.flatMap((r) => r.violations) };
}

/** Ratios and rates are rounded to 3 decimals: they print the same on every platform. */
export function runValue(run: RunRecord, metric: RunMetricName): number {
  switch (metric) {
    case 'throughput':
      return round3(run.totals.throughput);
    case 'throughput_vs_no_checkpoints':
      return round3(run.throughputVsNoCheckpoints);
    case 'violations':
      return run.violations.length;
    default:
      return run.totals[metric];
  }
}
