// `snapcheck run`: the property suites of one or every built-in strategy, with a per-property table.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT_IN_STRATEGIES, StrategyContractError, type CheckpointStrategy } from '../index.ts';
import { PROPERTIES_BY_GUARANTEE, reproductionCommand, runSuite, type SuiteProperty, type SuiteResult } from '../../models/suite.ts';
import { describeScenario, formatDiagnosis } from '../report/diagnosis.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import { writeFileAtomically } from './files.ts';
import { parsePath, parsePositiveInt, parseSeed } from './options.ts';
import { loadStrategy } from './strategy-loader.ts';
import { matrixCommand, MATRIX_DEFAULT_RUNS } from './matrix-command.ts';
import { startProgress } from './progress.ts';

export const DEFAULT_RUNS = 2000;
export const COUNTEREXAMPLE_DIR = '.snapcheck/counterexamples';

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
  const loaded = values.strategy === undefined ? null : await loadStrategy(values.strategy);
  const strategies = loaded === null ? BUILT_IN_STRATEGIES : [loaded.strategy];
  const properties = values.property === undefined ? undefined : parseProperties(values.property, strategies);
  const outDir = values.out ?? COUNTEREXAMPLE_DIR;
  print(`snapcheck run: seed ${seed}, ${runs} scenarios per strategy`);
  let exitCode = EXIT_OK;
  for (const strategy of strategies) {
    const progress = startProgress(strategy.name, runs, values['no-progress'] !== true);
    const started = performance.now();
    let result: SuiteResult;
    try {
      result = runSuite(strategy, { runs, seed, ...(path === undefined ? {} : { path }), ...(properties ? { properties } : {}), onEvaluated: (n) => progress.update(n) });
    } catch (error) {
      if (error instanceof StrategyContractError && loaded?.origin.kind === 'module') throw new UsageError(`strategy module ${loaded.origin.path}: ${error.message}`);
      throw error;
    } finally {
      progress.stop();
    }
    printTable(result, performance.now() - started, print);
    if (result.counterexample !== null) {
      printCounterexample(result, properties, outDir, print);
      exitCode = EXIT_VIOLATION;
    }
  }
  return exitCode;
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

function printCounterexample(result: SuiteResult, properties: SuiteProperty[] | undefined, outDir: string, print: (line: string) => void): void {
  const ce = result.counterexample!;
  const file = join(outDir, `${result.strategy}-${ce.property}-seed${result.seed}.json`);
  writeFileAtomically(file, `${JSON.stringify(ce.scenario, null, 2)}\n`);
  print('');
  print(`Counterexample found after ${ce.runsToFind} run(s); ${ce.shrinks} fast-check shrink step(s), then ${ce.minimizerSteps} minimizer step(s): ${describeScenario(ce.scenario)}`);
  print('');
  for (const line of formatDiagnosis(ce.scenario, ce.verdict.status === 'violated' ? ce.verdict : { status: 'violated', property: ce.property, explanation: 'no longer reproduces' })) print(line);
  print('');
  print(`Minimized scenario (seed ${ce.seed}, path ${ce.path}), written to ${file}:`);
  print(JSON.stringify(ce.scenario));
  print('');
  print('Reproduce with:');
  print(`  ${reproductionCommand(result.strategy, ce.seed, ce.path, result.runs, properties)}${outDir === COUNTEREXAMPLE_DIR ? '' : ` --out ${outDir}`}`);
  print(`  npx snapcheck check ${file}`);
}
