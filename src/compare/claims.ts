// The qualitative claims users choose a strategy by, stated as checks over a comparison's numbers.
// The tests run them on fixed seeds; `snapcheck compare` prints how they fare on its own run.
import { DEFAULT_ALIGNMENT_TIMEOUT_TICKS } from '../strategies/alternating/index.ts';
import { DEFAULT_TIMING } from '../scenario/scenario.ts';
import type { Cell, Comparison } from './compare.ts';
import type { CellSummary } from './summary.ts';
import type { Workload } from './workload.ts';

export type ClaimResult =
  | { readonly claim: string; readonly statement: string; readonly status: 'holds' | 'fails'; readonly evidence: readonly string[] }
  | { readonly claim: string; readonly statement: string; readonly status: 'not-applicable'; readonly reason: string };

type Measured = Extract<Cell, { status: 'measured' }>;

function cell(comparison: Comparison, workload: string, strategy: string): Measured | undefined {
  const found = comparison.cells.find((c) => c.workload === workload && c.strategy === strategy);
  return found?.status === 'measured' ? found : undefined;
}

/** Workloads with both strategies measured, as [workload, a's summary, b's summary]. */
function pairs(comparison: Comparison, a: string, b: string, keep: (w: Workload) => boolean = () => true): [Workload, CellSummary, CellSummary][] {
  return comparison.workloads.filter(keep).flatMap((w) => {
    const [ca, cb] = [cell(comparison, w.name, a), cell(comparison, w.name, b)];
    return ca && cb ? [[w, ca.summary, cb.summary] as [Workload, CellSummary, CellSummary]] : [];
  });
}

function verdict(claim: string, statement: string, lines: readonly [boolean, string][], missing: string): ClaimResult {
  if (lines.length === 0) return { claim, statement, status: 'not-applicable', reason: missing };
  return { claim, statement, status: lines.every(([ok]) => ok) ? 'holds' : 'fails', evidence: lines.map(([ok, text]) => `${ok ? 'ok' : 'FAILS'}: ${text}`) };
}

/** A workload under backpressure: a sweep level above 1x, or a preset named for it. */
export function isBackpressured(w: Workload): boolean {
  return w.sweep?.family === 'backpressure' && w.sweep.value > 1;
}

export function unalignedUnderBackpressure(comparison: Comparison): ClaimResult {
  const lines = pairs(comparison, 'unaligned', 'aligned', isBackpressured).map(([w, u, a]): [boolean, string] => {
    const [ue, ae] = [u.checkpoint.end_to_end_duration, a.checkpoint.end_to_end_duration];
    const [up, ap] = [u.checkpoint.persisted_data, a.checkpoint.persisted_data];
    const ok = ue.p50 < ae.p50 && ue.mean < ae.mean && up.p50 > ap.p50 && up.mean > ap.mean;
    return [ok, `${w.name}: end_to_end_duration p50 ${ue.p50} vs ${ae.p50} (mean ${ue.mean} vs ${ae.mean}); persisted_data p50 ${up.p50} vs ${ap.p50} (mean ${up.mean} vs ${ap.mean})`];
  });
  return verdict(
    'unaligned-under-backpressure',
    'under backpressure, unaligned has a lower end_to_end_duration than aligned and a larger persisted_data (p50 and mean)',
    lines,
    'needs unaligned, aligned and a backpressured workload (backpressure at a level above 1x)',
  );
}

export function atLeastOnceNeverBlocks(comparison: Comparison): ClaimResult {
  const lines = comparison.workloads.flatMap((w): [boolean, string][] => {
    const c = cell(comparison, w.name, 'at-least-once');
    if (!c) return [];
    const align = c.summary.checkpoint.alignment_duration;
    return [[align.max === 0, `${w.name}: alignment_duration max ${align.max} over ${align.count} checkpoints`]];
  });
  return verdict('at-least-once-never-blocks', 'at-least-once never blocks an input: alignment_duration is 0 for every checkpoint', lines, 'needs at-least-once');
}

export function atLeastOnceDuplicatesAfterCrash(comparison: Comparison): ClaimResult {
  const lines = comparison.workloads.flatMap((w): [boolean, string][] => {
    const c = cell(comparison, w.name, 'at-least-once');
    if (!c) return [];
    const crashed = c.runs.filter((r) => r.totals.crashes > 0);
    const calm = c.runs.filter((r) => r.totals.crashes === 0);
    const after = crashed.reduce((n, r) => n + r.totals.duplicates, 0);
    const without = calm.reduce((n, r) => n + r.totals.duplicates, 0);
    const ok = without === 0 && (crashed.length === 0 || after > 0);
    return [[ok, `${w.name}: ${after} duplicate(s) over ${crashed.length} run(s) with crashes, ${without} over ${calm.length} run(s) without`]];
  });
  const crashes = comparison.cells.some((c) => c.status === 'measured' && c.strategy === 'at-least-once' && c.runs.some((r) => r.totals.crashes > 0));
  return verdict(
    'at-least-once-duplicates-after-crash',
    'at-least-once shows duplicates at the sinks after a crash, and none in runs without one',
    crashes ? lines : [],
    'needs at-least-once and a workload with crashes (e.g. crash-heavy)',
  );
}

export function syncCostsMostThroughput(comparison: Comparison): ClaimResult {
  const lines = comparison.workloads.flatMap((w): [boolean, string][] => {
    const sync = cell(comparison, w.name, 'sync');
    const others = comparison.cells.filter((c): c is Measured => c.workload === w.name && c.strategy !== 'sync' && c.status === 'measured');
    if (!sync || others.length === 0) return [];
    const mine = sync.summary.run.throughput_vs_no_checkpoints.mean;
    const best = others.reduce((low, c) => (c.summary.run.throughput_vs_no_checkpoints.mean < low.summary.run.throughput_vs_no_checkpoints.mean ? c : low));
    const theirs = best.summary.run.throughput_vs_no_checkpoints.mean;
    return [[mine < theirs, `${w.name}: sync keeps ${mine} of the no-checkpoint throughput (mean), the next lowest (${best.strategy}) ${theirs}`]];
  });
  return verdict('sync-costs-most-throughput', 'sync costs the most throughput: its mean throughput_vs_no_checkpoints is the lowest on every workload', lines, 'needs sync and another strategy');
}

export function alignmentTimeoutTicks(w: Workload): number {
  return w.strategyOptions?.alignmentTimeoutTicks ?? DEFAULT_ALIGNMENT_TIMEOUT_TICKS;
}

/**
 * The timer runs from the trigger, and fires into the task's mailbox, which the task reads at its
 * next step: at most one processing cost (1 + processingTicksMax) after the timer's tick.
 */
export function alignmentBoundTicks(w: Workload): number {
  return alignmentTimeoutTicks(w) + 1 + (w.timing?.processingTicksMax ?? DEFAULT_TIMING.processingTicksMax);
}

export function alignedTimeoutBoundsAlignment(comparison: Comparison): ClaimResult {
  const lines = comparison.workloads.flatMap((w): [boolean, string][] => {
    const c = cell(comparison, w.name, 'aligned-timeout');
    if (!c) return [];
    const [bound, mine] = [alignmentBoundTicks(w), c.summary.checkpoint.alignment_duration.max];
    const aligned = cell(comparison, w.name, 'aligned')?.summary.checkpoint.alignment_duration.max;
    const versus = aligned === undefined ? '' : ` (aligned: max ${aligned})`;
    return [[mine <= bound, `${w.name}: alignment_duration max ${mine} <= ${bound} (timeout ${alignmentTimeoutTicks(w)} + one step)${versus}`]];
  });
  // The bound says something only where aligned, left alone, aligns for longer.
  const alignedMaxima = comparison.workloads.flatMap((w) => {
    const aligned = cell(comparison, w.name, 'aligned');
    return aligned ? [aligned.summary.checkpoint.alignment_duration.max - alignmentBoundTicks(w)] : [];
  });
  if (lines.length > 0 && alignedMaxima.length > 0 && !alignedMaxima.some((over) => over > 0)) {
    lines.push([false, 'aligned never aligned for longer than the bound on these workloads, so the timeout was never put to the test']);
  }
  return verdict(
    'aligned-timeout-bounds-alignment',
    'aligned-timeout bounds alignment_duration near its alignmentTimeoutTicks (timeout + one task step), where aligned exceeds it',
    lines,
    'needs aligned-timeout',
  );
}

export const CLAIMS: readonly ((comparison: Comparison) => ClaimResult)[] = [
  unalignedUnderBackpressure,
  atLeastOnceNeverBlocks,
  atLeastOnceDuplicatesAfterCrash,
  syncCostsMostThroughput,
  alignedTimeoutBoundsAlignment,
];

export function checkClaims(comparison: Comparison): ClaimResult[] {
  return CLAIMS.map((claim) => claim(comparison));
}
