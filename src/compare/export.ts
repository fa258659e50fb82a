// Machine-readable outputs: JSON (everything, including each seed's run totals and the workloads
// themselves) and CSV (one row per workload, strategy and metric). Neither holds a timestamp or a
// duration in wall-clock time, so the same command and seeds write byte-identical files.
import { TOOL_VERSION } from '../trace/tool-version.ts';
import type { ClaimResult } from './claims.ts';
import type { Comparison } from './compare.ts';
import { CHECKPOINT_METRICS, METRIC_INFO, RUN_METRICS } from './metrics.ts';
import { runValue } from './summary.ts';

export const COMPARISON_FORMAT = 'snapcheck-comparison';
export const COMPARISON_FORMAT_VERSION = 1;

export function comparisonJson(comparison: Comparison, claims: readonly ClaimResult[]): string {
  const document = {
    format: COMPARISON_FORMAT,
    formatVersion: COMPARISON_FORMAT_VERSION,
    tool: TOOL_VERSION,
    seeds: comparison.seeds,
    strategies: comparison.strategies,
    metrics: METRIC_INFO,
    workloads: comparison.workloads,
    results: comparison.cells.map((cell) =>
      cell.status === 'unsupported'
        ? cell
        : {
            status: cell.status,
            workload: cell.workload,
            strategy: cell.strategy,
            checkpointMetrics: cell.summary.checkpoint,
            runMetrics: cell.summary.run,
            violations: cell.summary.violations,
            runs: cell.runs.map((r) => ({ seed: r.seed, ...Object.fromEntries(RUN_METRICS.map((m) => [m, runValue(r, m)])), makespan_ticks: r.totals.makespan_ticks, crashes: r.totals.crashes })),
          },
    ),
    claims,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const CSV_HEADER = ['workload', 'strategy', 'status', 'metric', 'per', 'unit', 'count', 'p50', 'p90', 'p99', 'max', 'mean'];

export function comparisonCsv(comparison: Comparison): string {
  const rows: (string | number)[][] = [CSV_HEADER];
  for (const cell of comparison.cells) {
    if (cell.status === 'unsupported') {
      rows.push([cell.workload, cell.strategy, 'unsupported', '', '', '', 0, '', '', '', '', '']);
      continue;
    }
    const all = [...CHECKPOINT_METRICS.map((m) => [m, cell.summary.checkpoint[m]] as const), ...RUN_METRICS.map((m) => [m, cell.summary.run[m]] as const)];
    for (const [metric, d] of all) {
      const info = METRIC_INFO[metric];
      rows.push([cell.workload, cell.strategy, 'measured', metric, info.per, info.unit, d.count, d.p50, d.p90, d.p99, d.max, d.mean]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
