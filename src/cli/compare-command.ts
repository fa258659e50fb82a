// `snapcheck compare`: the same seeded workloads through every strategy, measured side by side.
// Prints a table per workload and how the qualitative claims fare; --json, --csv and --html write
// the full results. Exit codes: 0, 1 when a run violated an oracle property of its strategy's
// guarantee, 2 for bad input (unknown strategy or workload, a malformed workload file).
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { checkClaims } from '../compare/claims.ts';
import { compareStrategies, type Comparison } from '../compare/compare.ts';
import { comparisonCsv, comparisonJson } from '../compare/export.ts';
import { comparisonHtml } from '../compare/html.ts';
import { presetNames, presetsNamed, PRESETS } from '../compare/presets.ts';
import { formatComparison } from '../compare/table.ts';
import { readWorkloadFile } from '../compare/workload-file.ts';
import type { Workload } from '../compare/workload.ts';
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import { hasCycle } from '../dataflow/topology.ts';
import { StrategyContractError } from '../sim/effects.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import { writeFileAtomically } from './files.ts';
import { withSignalsHeld } from './interrupt.ts';
import type { ResultsSink } from './results-output.ts';
import { parsePositiveInt } from './options.ts';
import { loadStrategy, type LoadedStrategy } from './strategy-loader.ts';

export const DEFAULT_SEEDS = 20;
export const SEEDS_MAX = 1000;

export async function compareCommand(argv: string[], print: (line: string) => void, sink: ResultsSink | null = null): Promise<number> {
  const args = parseCommandArgs('compare', argv);
  if (args.string('strategies') !== undefined && args.string('strategy') !== undefined) throw new UsageError('give --strategies once (--strategy is the same option)');
  const seedCount = parsePositiveInt('seeds', args.string('seeds'), DEFAULT_SEEDS);
  if (seedCount > SEEDS_MAX) throw new UsageError(`--seeds must be at most ${SEEDS_MAX}, got ${seedCount}`);
  const workloads = workloadsOf(args.string('workload'));
  const loaded = await strategiesOf(args.string('strategies') ?? args.string('strategy'));
  const strategies = loaded.map((l) => l.strategy);
  const runnable = workloads.some((w) => !hasCycle(w.topology) || strategies.some((s) => s.supportsCycles));
  if (!runnable) throw new UsageError(`nothing to compare: ${workloads.map((w) => w.name).join(', ')} ha${workloads.length === 1 ? 's a cycle' : 've cycles'}, and none of ${strategies.map((s) => s.name).join(', ')} supports cycles (aligned-cyclic and chandy-lamport do)`);
  print(`snapcheck compare: ${strategies.length} strategies x ${workloads.length} workloads x seeds 1..${seedCount}`);
  const started = performance.now();
  const comparison = runWithProgress(strategies, workloads, seedCount, loaded, !args.flag('no-progress'));
  const claims = checkClaims(comparison);
  for (const line of formatComparison(comparison, claims)) print(line);
  const outputs: [string | undefined, () => string][] = [
    [args.string('csv'), () => comparisonCsv(comparison)],
    [args.string('html'), () => comparisonHtml(comparison, claims)],
  ];
  for (const [file, render] of outputs) {
    if (file === undefined) continue;
    const content = render();
    await withSignalsHeld(() => writeFileAtomically(file, content));
    print(`wrote ${file}`);
  }
  const violating = comparison.cells.filter((c) => c.status === 'measured' && c.summary.violations.length > 0);
  const cellCount = comparison.cells.filter((c) => c.status === 'measured').length;
  const summary = `${strategies.length} strategies x ${workloads.length} workloads: ${cellCount - violating.length} of ${cellCount} cells without a violation${violating.length === 0 ? '' : ` (violated: ${violating.map((c) => `${c.strategy} on ${c.workload}`).join(', ')})`}`;
  print(summary);
  print(`compared in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (sink !== null) recordResults(sink, comparison, JSON.parse(comparisonJson(comparison, claims)) as Record<string, unknown>, summary);
  return hasViolations(comparison) ? EXIT_VIOLATION : EXIT_OK;
}

/** `--workload a,b,...`: preset names, family names (every level of a sweep) or workload files. */
export function workloadsOf(spec: string | undefined): Workload[] {
  if (spec === undefined) return [...PRESETS];
  const workloads: Workload[] = [];
  for (const one of spec.split(',').map((s) => s.trim())) {
    if (one === '') throw new UsageError(`--workload has an empty name in "${spec}"`);
    workloads.push(...workloadNamed(one));
  }
  const names = workloads.map((w) => w.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UsageError(`workload "${twice}" is given twice (names must differ)`);
  return workloads;
}

function workloadNamed(spec: string): Workload[] {
  const looksLikeFile = /[\\/]/.test(spec) || spec.endsWith('.json') || existsSync(spec);
  if (looksLikeFile) {
    const check = readWorkloadFile(spec);
    if (!check.ok) throw new UsageError(check.problem);
    return [check.workload];
  }
  const presets = presetsNamed(spec);
  if (presets.length === 0) throw new UsageError(`unknown workload "${spec}"; presets: ${presetNames().join(', ')}, or a path to a workload file (.json)`);
  return presets;
}

async function strategiesOf(spec: string | undefined): Promise<LoadedStrategy[]> {
  if (spec === undefined) return BUILT_IN_STRATEGIES.map((strategy) => ({ strategy, origin: { kind: 'built-in', name: strategy.name } }));
  const loaded: LoadedStrategy[] = [];
  for (const one of spec.split(',').map((s) => s.trim())) {
    if (one === '') throw new UsageError(`--strategies has an empty name in "${spec}"`);
    const next = await loadStrategy(one);
    const clash = loaded.find((l) => l.strategy.name === next.strategy.name);
    if (clash !== undefined) throw new UsageError(`two strategies are named "${next.strategy.name}" (${describe(clash)} and ${describe(next)}); each needs its own name`);
    loaded.push(next);
  }
  return loaded;
}

function describe(loaded: LoadedStrategy): string {
  return loaded.origin.kind === 'module' ? `module ${loaded.origin.path}` : 'the built-in';
}

function runWithProgress(strategies: CheckpointStrategy[], workloads: Workload[], seedCount: number, loaded: LoadedStrategy[], enabled: boolean): Comparison {
  const bar = enabled ? startBar() : null;
  try {
    return compareStrategies({ strategies, workloads, seedCount, onRun: (done, total, workload) => bar?.update(done, total, workload) });
  } catch (error) {
    // A user's module that breaks the strategy contract is bad input: one line naming the module.
    if (error instanceof StrategyContractError) {
      const module = loaded.find((l) => l.origin.kind === 'module' && error.message.includes(`"${l.strategy.name}"`));
      if (module?.origin.kind === 'module') throw new UsageError(`strategy module ${module.origin.path}: ${error.message}`);
    }
    throw error;
  } finally {
    bar?.stop();
  }
}

/** A bar on stderr (a plain line every few seconds when stderr is not a terminal). */
function startBar(): { update: (done: number, total: number, workload: string) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      format: 'compare          [{bar}] {value}/{total} runs  {workload}',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
      clearOnComplete: process.stderr.isTTY,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, workload) {
      if (!started) bar.start(total, 0, { workload });
      started = true;
      bar.update(done, { workload });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function hasViolations(comparison: Comparison): boolean {
  return comparison.cells.some((c) => c.status === 'measured' && c.summary.violations.length > 0);
}

/**
 * Results: a suite per workload, a case per strategy (failed when a run violated its guarantee).
 * The whole comparison is the document's details. No wall-clock time anywhere, so the same command
 * and seeds write a byte-identical file.
 */
function recordResults(sink: ResultsSink, comparison: Comparison, document: Record<string, unknown>, summary: string): void {
  sink.untimed();
  for (const workload of comparison.workloads) {
    const cells = comparison.cells.filter((c) => c.workload === workload.name);
    sink.add({
      name: workload.name,
      kind: 'workload',
      cases: cells.map((cell) => {
        if (cell.status === 'unsupported') return { name: cell.strategy, status: 'skipped', message: cell.reason };
        const violations = cell.summary.violations;
        if (violations.length === 0) return { name: cell.strategy, status: 'passed', details: { runs: cell.runs.length } };
        const first = violations[0]!;
        return {
          name: cell.strategy,
          status: 'failed',
          message: `${violations.length} run(s) violated ${[...new Set(violations.map((v) => v.property))].join(', ')}; first at seed ${first.seed}: ${first.property}`,
          text: violations.map((v) => `seed ${v.seed}: ${v.property}: ${v.explanation}`).join('\n'),
          details: { runs: cell.runs.length, violations },
        };
      }),
    });
  }
  sink.details({ comparison: document });
  sink.summary(summary);
}
