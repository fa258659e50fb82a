// `snapcheck run`: the property suites of one or more strategies, with a per-property table. The
// suites' batches run over --workers threads (the same result as one), or only the k-th of n parts
// with --shard k/n (combined again by `snapcheck merge`). Each counterexample is written as a bundle
// (atomically, as soon as its suite is decided) to --out DIR.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { StrategyContractError } from '../sim/effects.ts';
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { planBatches, type Shard } from '../suite/batches.ts';
import { runSuitesInParallel, type StrategySource, type SuiteJob, type SuiteOutcome } from '../suite/parallel.ts';
import { PROPERTIES_BY_GUARANTEE, runSuite, type SeededSuiteOptions, type SuiteProperty } from '../suite/suite.ts';
import type { StrategyRef } from '../trace/bundle.ts';
import { refOf } from './bundle-io.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import { matrixCommand, MATRIX_DEFAULT_RUNS } from './matrix-command.ts';
import { parsePath, parsePositiveInt, parseSeed, parseShard } from './options.ts';
import { startProgress } from './progress.ts';
import type { ResultsSink } from './results-output.ts';
import { COUNTEREXAMPLE_DIR, printTable, reportCounterexample, suiteResults } from './run-report.ts';
import { loadStrategy, type LoadedStrategy } from './strategy-loader.ts';

export { COUNTEREXAMPLE_DIR } from './run-report.ts';
export const DEFAULT_RUNS = 2000;
/** A bound on one suite's size: 10^7 scenarios is days of work; a typo such as 1e12 is refused. */
export const RUNS_MAX = 10_000_000;

interface Target {
  readonly strategy: CheckpointStrategy;
  readonly ref: StrategyRef;
  readonly source: StrategySource;
  readonly loaded: LoadedStrategy | null;
}

export async function runCommand(argv: string[], print: (line: string) => void, sink: ResultsSink | null = null): Promise<number> {
  const args = parseCommandArgs('run', argv);
  const seed = parseSeed(args.string('seed'));
  if (args.flag('matrix')) {
    if (args.string('strategy') !== undefined || args.string('property') !== undefined) throw new UsageError('--matrix checks every built-in strategy and property: drop --strategy and --property');
    return matrixCommand(seed, parsePositiveInt('runs', args.string('runs'), MATRIX_DEFAULT_RUNS), !args.flag('no-progress'), print);
  }
  const runs = parsePositiveInt('runs', args.string('runs'), DEFAULT_RUNS);
  if (runs > RUNS_MAX) throw new UsageError(`--runs must be at most ${RUNS_MAX}, got ${args.string('runs')}`);
  const path = parsePath(args.string('path'));
  const shard = parseShard(args.string('shard'));
  if (shard !== undefined && path !== undefined) throw new UsageError('--path replays one run: drop --shard');
  const workers = parsePositiveInt('workers', args.string('workers'), availableParallelism());
  const targets = await targetsOf(args.string('strategy'));
  const propertyList = args.string('property');
  const properties = propertyList === undefined ? undefined : parseProperties(propertyList, targets.map((t) => t.strategy));
  const outDir = args.string('out') ?? COUNTEREXAMPLE_DIR;
  const options: SeededSuiteOptions = { runs, seed, ...(path === undefined ? {} : { path }), ...(properties ? { properties } : {}), ...(shard ? { shard } : {}) };
  const batches = targets.length * planBatches(options).length;
  print(`snapcheck run: seed ${seed}, ${runs} scenarios per strategy${shard === undefined ? '' : `, shard ${shard.index}/${shard.count}`}, ${Math.min(workers, batches)} worker(s)`);
  const started = performance.now();
  const progress = startProgress('run', totalRuns(targets.length, options, shard), !args.flag('no-progress'));
  const violated: string[] = [];
  let holding = 0;
  let suiteStarted = started;
  // Suites are reported in order as each is decided: table, bundle, diagnosis, results.
  const reports: Promise<void>[] = [];
  const report = (index: number, outcome: SuiteOutcome) => {
    const elapsedMs = performance.now() - suiteStarted;
    suiteStarted = performance.now();
    reports.push(
      (reports[reports.length - 1] ?? Promise.resolve()).then(async () => {
        const target = targets[index]!;
        const result = unwrap(outcome, target);
        progress.pause();
        printTable(result, elapsedMs, print);
        const ce = result.counterexample === null ? null : await reportCounterexample(result, target.strategy, target.ref, { properties, outDir }, print);
        progress.resume();
        if (ce !== null) violated.push(`${result.strategy} (${result.counterexample!.property})`);
        holding += result.tallies.filter((t) => t.violations === 0 && t.checked > 0).length;
        sink?.add(suiteResults(result, elapsedMs, ce));
      }),
    );
  };
  try {
    if (Math.min(workers, batches) === 1) runSerially(targets, options, progress.update, report);
    else await runSuitesInParallel(targets.map((t): SuiteJob => ({ source: t.source, strategy: t.strategy, options })), { workers, onEvaluated: progress.update, onSuite: report });
    await Promise.all(reports);
  } finally {
    progress.stop();
  }
  const summary = `${targets.length} ${targets.length === 1 ? 'strategy' : 'strategies'}, ${holding} properties hold${violated.length === 0 ? '' : `, violated: ${violated.join(', ')}`}, ${((performance.now() - started) / 1000).toFixed(1)} s`;
  print('');
  print(summary);
  sink?.summary(summary);
  return violated.length === 0 ? EXIT_OK : EXIT_VIOLATION;
}

function runSerially(targets: readonly Target[], options: SeededSuiteOptions, onEvaluated: (n: number) => void, report: (index: number, outcome: SuiteOutcome) => void): void {
  let before = 0;
  targets.forEach((target, index) => {
    let last = 0;
    try {
      const result = runSuite(target.strategy, { ...options, onEvaluated: (n) => onEvaluated(before + (last = n)) });
      report(index, { ok: true, result });
    } catch (error) {
      report(index, { ok: false, error: error as Error });
    }
    before += last;
  });
}

function totalRuns(strategies: number, options: SeededSuiteOptions, shard: Shard | undefined): number {
  if (options.path !== undefined) return strategies;
  const batches = Math.ceil(options.runs / 100);
  const mine = shard === undefined ? batches : Math.ceil((batches - (shard.index - 1)) / shard.count);
  return strategies * Math.min(options.runs, mine * 100);
}

/** A suite that could not be decided: a module that broke the contract is bad input, named. */
function unwrap(outcome: SuiteOutcome, target: Target): Extract<SuiteOutcome, { ok: true }>['result'] {
  if (outcome.ok) return outcome.result;
  const error = outcome.error;
  if (error instanceof StrategyContractError || error.name === 'StrategyContractError') {
    if (target.loaded?.origin.kind === 'module') throw new UsageError(`strategy module ${target.loaded.origin.path}: ${error.message}`);
    throw new StrategyContractError(error.message);
  }
  if (error.name === 'ModuleLoadError') throw new UsageError(error.message);
  throw error;
}

/** `--strategy a,b,...` (built-in names or module paths), or every built-in strategy except the canaries. */
async function targetsOf(spec: string | undefined): Promise<Target[]> {
  if (spec === undefined) return BUILT_IN_STRATEGIES.map((strategy) => ({ strategy, ref: { kind: 'built-in', name: strategy.name }, source: { kind: 'built-in', name: strategy.name }, loaded: null }));
  const targets: Target[] = [];
  for (const one of spec.split(',').map((s) => s.trim())) {
    if (one === '') throw new UsageError(`--strategy has an empty name in "${spec}"`);
    const loaded = await loadStrategy(one);
    const source: StrategySource = loaded.origin.kind === 'module' ? { kind: 'module', path: resolve(one) } : { kind: 'built-in', name: one };
    targets.push({ strategy: loaded.strategy, ref: refOf(loaded), source, loaded });
  }
  return targets;
}

function parseProperties(text: string, strategies: readonly CheckpointStrategy[]): SuiteProperty[] {
  const known = new Set(strategies.flatMap((s) => PROPERTIES_BY_GUARANTEE[s.guarantee]));
  const names = text.split(',').map((p) => p.trim());
  for (const name of names) {
    if (!known.has(name as SuiteProperty)) throw new UsageError(`unknown property "${name}"; known: ${[...known].join(', ')}`);
  }
  return names as SuiteProperty[];
}
