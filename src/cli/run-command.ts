// `snapcheck run`: the property suites of one or more strategies, with a per-property table. Each
// counterexample is written as a bundle (atomically, as soon as it is found) to --out DIR.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import { bundleFileName, writeBundleFile } from '../trace/files.ts';
import { recordedHistory, type StrategyRef } from '../trace/bundle.ts';
import { StrategyContractError } from '../sim/effects.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { counterexampleBundle } from '../suite/counterexample-bundle.ts';
import { PROPERTIES_BY_GUARANTEE, reproductionCommand, runSuite, type SuiteProperty, type SuiteResult } from '../suite/suite.ts';
import { describeScenario, formatDiagnosis } from '../report/diagnosis.ts';
import { refOf } from './bundle-io.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import { withSignalsHeld } from './interrupt.ts';
import { parsePath, parsePositiveInt, parseSeed } from './options.ts';
import { loadStrategy, type LoadedStrategy } from './strategy-loader.ts';
import { matrixCommand, MATRIX_DEFAULT_RUNS } from './matrix-command.ts';
import { startProgress } from './progress.ts';

export const DEFAULT_RUNS = 2000;
export const COUNTEREXAMPLE_DIR = '.snapcheck/counterexamples';

interface Target {
  readonly strategy: CheckpointStrategy;
  readonly ref: StrategyRef;
  readonly loaded: LoadedStrategy | null;
}

export async function runCommand(argv: string[], print: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      strategy: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      path: { type: 'string' },
      property: { type: 'string' },
      out: { type: 'string' },
      matrix: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
    },
    strict: true,
  });
  const seed = parseSeed(values.seed);
  if (values.matrix === true) {
    if (values.strategy !== undefined || values.property !== undefined) throw new UsageError('--matrix checks every built-in strategy and property: drop --strategy and --property');
    return matrixCommand(seed, parsePositiveInt('runs', values.runs, MATRIX_DEFAULT_RUNS), values['no-progress'] !== true, print);
  }
  const runs = parsePositiveInt('runs', values.runs, DEFAULT_RUNS);
  const path = parsePath(values.path);
  const targets = await targetsOf(values.strategy);
  const properties = values.property === undefined ? undefined : parseProperties(values.property, targets.map((t) => t.strategy));
  const outDir = values.out ?? COUNTEREXAMPLE_DIR;
  print(`snapcheck run: seed ${seed}, ${runs} scenarios per strategy`);
  let exitCode = EXIT_OK;
  for (const target of targets) {
    const result = runOne(target, { runs, seed, path, properties, progress: values['no-progress'] !== true });
    printTable(result.result, result.elapsedMs, print);
    if (result.result.counterexample === null) continue;
    await reportCounterexample(result.result, target, { properties, outDir, runs }, print);
    exitCode = EXIT_VIOLATION;
  }
  return exitCode;
}

/** `--strategy a,b,...` (built-in names or module paths), or every built-in strategy except the canaries. */
async function targetsOf(spec: string | undefined): Promise<Target[]> {
  if (spec === undefined) return BUILT_IN_STRATEGIES.map((strategy) => ({ strategy, ref: { kind: 'built-in', name: strategy.name }, loaded: null }));
  const targets: Target[] = [];
  for (const one of spec.split(',').map((s) => s.trim())) {
    if (one === '') throw new UsageError(`--strategy has an empty name in "${spec}"`);
    const loaded = await loadStrategy(one);
    targets.push({ strategy: loaded.strategy, ref: refOf(loaded), loaded });
  }
  return targets;
}

interface RunSettings {
  readonly runs: number;
  readonly seed: number;
  readonly path: string | undefined;
  readonly properties: SuiteProperty[] | undefined;
  readonly progress: boolean;
}

function runOne(target: Target, settings: RunSettings): { result: SuiteResult; elapsedMs: number } {
  const progress = startProgress(target.strategy.name, settings.runs, settings.progress);
  const started = performance.now();
  try {
    const { runs, seed, path, properties } = settings;
    const result = runSuite(target.strategy, { runs, seed, ...(path === undefined ? {} : { path }), ...(properties ? { properties } : {}), onEvaluated: (n) => progress.update(n) });
    return { result, elapsedMs: performance.now() - started };
  } catch (error) {
    if (error instanceof StrategyContractError && target.loaded?.origin.kind === 'module') throw new UsageError(`strategy module ${target.loaded.origin.path}: ${error.message}`);
    throw error;
  } finally {
    progress.stop();
  }
}

function parseProperties(text: string, strategies: readonly CheckpointStrategy[]): SuiteProperty[] {
  const known = new Set(strategies.flatMap((s) => PROPERTIES_BY_GUARANTEE[s.guarantee]));
  const names = text.split(',').map((p) => p.trim());
  for (const name of names) {
    if (!known.has(name as SuiteProperty)) throw new UsageError(`unknown property "${name}"; known: ${[...known].join(', ')}`);
  }
  return names as SuiteProperty[];
}

function printTable(result: SuiteResult, elapsedMs: number, print: (line: string) => void): void {
  print('');
  print(`${result.strategy} (declares ${result.guarantee}) - ${(elapsedMs / 1000).toFixed(1)} s`);
  print(`  ${'property'.padEnd(22)} ${'checked'.padStart(8)} ${'n/a'.padStart(6)}  result`);
  const failed = result.counterexample?.property;
  for (const tally of result.tallies) {
    const outcome = tally.property === failed ? 'VIOLATED' : tally.violations > 0 ? `violated in ${tally.violations} run(s)` : 'holds';
    print(`  ${tally.property.padEnd(22)} ${String(tally.checked).padStart(8)} ${String(tally.notApplicable).padStart(6)}  ${outcome}`);
  }
}

interface ReportSettings {
  readonly properties: SuiteProperty[] | undefined;
  readonly outDir: string;
  readonly runs: number;
}

/** Write the bundle first (so Ctrl-C while printing keeps it), then explain it. */
async function reportCounterexample(result: SuiteResult, target: Target, settings: ReportSettings, print: (line: string) => void): Promise<void> {
  const ce = result.counterexample!;
  const { properties, outDir } = settings;
  const runCommandLine = `${reproductionCommand(target.ref.kind === 'built-in' ? result.strategy : target.ref.path, ce.seed, ce.path, result.runs, properties)}${outDir === COUNTEREXAMPLE_DIR ? '' : ` --out ${outDir}`}`;
  const bundle = counterexampleBundle(result, target.strategy, target.ref, runCommandLine.replace(/^npx /, ''), properties);
  const file = join(outDir, bundleFileName(result.strategy, ce.property, result.seed));
  await withSignalsHeld(() => writeBundleFile(file, bundle));
  print('');
  print(`Counterexample found after ${ce.runsToFind} run(s); ${ce.shrinks} fast-check shrink step(s), then ${ce.minimizerSteps} minimizer step(s): ${describeScenario(ce.scenario)}`);
  print('');
  const violation = ce.verdict.status === 'violated' ? ce.verdict : { status: 'violated' as const, property: ce.property, explanation: 'no longer reproduces' };
  for (const line of formatDiagnosis(ce.scenario, violation, recordedHistory(bundle.history) ?? undefined)) print(line);
  print('');
  print(`Minimized scenario (seed ${ce.seed}, path ${ce.path}), in the bundle written to ${file}:`);
  print(JSON.stringify(ce.scenario));
  print('');
  print('Reproduce with:');
  print(`  npx snapcheck replay ${file}                 # the minimized counterexample, byte for byte`);
  print(`  npx snapcheck replay ${file} --html ${file.replace(/\.json$/, '')}.html   # its space-time diagram`);
  print(`  ${runCommandLine}   # fast-check's shrunk scenario`);
}
