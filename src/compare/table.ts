// The terminal table: one block per workload, one row per strategy, the headline statistic of each
// metric (the CSV, JSON and HTML outputs have every percentile).
import type { Cell, Comparison } from './compare.ts';
import type { ClaimResult } from './claims.ts';
import type { Distribution } from './stats.ts';

type Measured = Extract<Cell, { status: 'measured' }>;

interface Column {
  readonly name: string;
  readonly stat: string;
  readonly value: (cell: Measured) => string;
}

function stats(d: Distribution, keys: readonly ('p50' | 'p90' | 'p99' | 'max')[]): string {
  return d.count === 0 ? '-' : keys.map((k) => String(d[k])).join('/');
}

const COLUMNS: readonly Column[] = [
  { name: 'checkpoints', stat: 'done/aborted', value: (c) => `${sum(c, 'checkpoints_completed')}/${sum(c, 'checkpoints_aborted')}` },
  { name: 'end_to_end', stat: 'p50/p90/max', value: (c) => stats(c.summary.checkpoint.end_to_end_duration, ['p50', 'p90', 'max']) },
  { name: 'alignment', stat: 'p50/max', value: (c) => stats(c.summary.checkpoint.alignment_duration, ['p50', 'max']) },
  { name: 'start_delay', stat: 'p50/max', value: (c) => stats(c.summary.checkpoint.start_delay, ['p50', 'max']) },
  { name: 'ckpt_size', stat: 'p50/max', value: (c) => stats(c.summary.checkpoint.checkpointed_size, ['p50', 'max']) },
  { name: 'persisted', stat: 'p50/max', value: (c) => stats(c.summary.checkpoint.persisted_data, ['p50', 'max']) },
  { name: 'processed', stat: 'p50/max', value: (c) => stats(c.summary.checkpoint.processed_data, ['p50', 'max']) },
  { name: 'throughput', stat: 'vs none', value: (c) => c.summary.run.throughput_vs_no_checkpoints.mean.toFixed(3) },
  { name: 'replayed', stat: 'p50/max', value: (c) => stats(c.summary.run.records_replayed, ['p50', 'max']) },
  { name: 'recovery', stat: 'p50/max', value: (c) => stats(c.summary.run.recovery_duration, ['p50', 'max']) },
  { name: 'duplicates', stat: 'p50/max', value: (c) => stats(c.summary.run.duplicates, ['p50', 'max']) },
  { name: 'violations', stat: 'runs', value: (c) => String(c.runs.filter((r) => r.violations.length > 0).length) },
];

export const COLUMN_LEGEND =
  'end_to_end = end_to_end_duration, alignment = alignment_duration, start_delay (ticks, over completed checkpoints); ' +
  'ckpt_size = checkpointed_size (state entries + channel state), persisted = persisted_data, processed = processed_data (records); ' +
  'throughput = mean of throughput / throughput without checkpoints; replayed = records_replayed, recovery = recovery_duration (ticks), duplicates (per run); ' +
  'violations = runs violating an oracle property of the strategy\'s guarantee.';

function sum(cell: Measured, key: 'checkpoints_completed' | 'checkpoints_aborted'): number {
  return cell.runs.reduce((n, r) => n + r.totals[key], 0);
}

/** Pad every column to its widest entry; the strategy column is left-aligned, numbers right-aligned. */
function layout(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((row) => row.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  ').trimEnd());
}

export function workloadTable(comparison: Comparison, workload: string): string[] {
  const rows: string[][] = [
    ['strategy', ...COLUMNS.map((c) => c.name)],
    ['', ...COLUMNS.map((c) => c.stat)],
  ];
  const unsupported: string[] = [];
  for (const cell of comparison.cells.filter((c) => c.workload === workload)) {
    if (cell.status === 'unsupported') unsupported.push(cell.strategy);
    else rows.push([cell.strategy, ...COLUMNS.map((c) => c.value(cell))]);
  }
  const lines = rows.length > 2 ? layout(rows) : [];
  if (unsupported.length > 0) lines.push(`(not run: ${unsupported.join(', ')} cannot run this topology: it has a cycle and they do not support cycles)`);
  return lines;
}

export function formatComparison(comparison: Comparison, claims: readonly ClaimResult[]): string[] {
  const lines: string[] = [];
  for (const workload of comparison.workloads) {
    lines.push('', `${workload.name}: ${workload.description}`);
    lines.push(...workloadTable(comparison, workload.name).map((l) => `  ${l}`));
  }
  lines.push('', `Columns: ${COLUMN_LEGEND}`);
  lines.push(...formatViolations(comparison));
  lines.push('', 'Claims, on these numbers:');
  for (const claim of claims) {
    if (claim.status === 'not-applicable') continue;
    lines.push(`  ${claim.status === 'holds' ? 'holds' : 'FAILS'}  ${claim.statement}`);
    if (claim.status === 'fails') for (const line of claim.evidence.filter((l) => l.startsWith('FAILS'))) lines.push(`         ${line}`);
  }
  const unchecked = claims.filter((c) => c.status === 'not-applicable');
  if (unchecked.length > 0) lines.push(`  not checked here (a strategy or workload they need is missing): ${unchecked.map((c) => c.claim).join(', ')}`);
  return lines;
}

/** Every violation, one line each (the first sentence of the oracle's explanation), at most 10 per cell. */
function formatViolations(comparison: Comparison): string[] {
  const lines: string[] = [];
  for (const cell of comparison.cells) {
    if (cell.status !== 'measured' || cell.summary.violations.length === 0) continue;
    const all = cell.summary.violations;
    for (const v of all.slice(0, 10)) lines.push(`  ${cell.strategy} on ${cell.workload}, seed ${v.seed}: ${v.property} violated: ${firstSentence(v.explanation)}`);
    if (all.length > 10) lines.push(`  ... and ${all.length - 10} more for ${cell.strategy} on ${cell.workload} (see --json)`);
  }
  return lines.length === 0 ? [] : ['', 'Oracle violations:', ...lines];
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
