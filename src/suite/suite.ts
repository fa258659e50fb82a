// A strategy's property suite, run programmatically (by `snapcheck run` and by the vitest suites):
// random scenarios through the simulator, every applicable oracle property checked on each run.
// The first violated property becomes the focus: fast-check then shrinks toward a smaller scenario
// that violates that same property, not merely any property.
import fc from 'fast-check';
import { CHECKERS } from '../oracle/index.ts';
import { hashHistory } from '../trace/hash.ts';
import { run, UnsupportedTopology } from '../sim/runner.ts';
import { StrategyContractError } from '../sim/effects.ts';
import type { CheckpointStrategy, Guarantee } from '../strategies/strategy.ts';
import type { PropertyName, Verdict } from '../oracle/verdict.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { minimizeScenario } from '../minimize/minimize.ts';
import { DEFAULT_SHAPE, scenarioArbitrary, type ScenarioShape } from '../generate/scenario-arbitrary.ts';
import { globalPath, planBatches, type Batch, type Shard } from './batches.ts';
import { resolveSeed } from './seed.ts';

/** Oracle properties, plus two the suite checks itself: same inputs give the same History, and the run does not throw. */
export type SuiteProperty = PropertyName | 'determinism' | 'no-exception';

export const PROPERTIES_BY_GUARANTEE: Record<Guarantee, readonly SuiteProperty[]> = {
  'exactly-once': ['cut-consistency', 'prefix-consistency', 'exactly-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol', 'determinism', 'no-exception'],
  'at-least-once': ['at-least-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol', 'determinism', 'no-exception'],
  none: ['liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol', 'determinism', 'no-exception'],
};

export interface SuiteOptions {
  readonly runs: number;
  /** Default: SNAPCHECK_SEED from the environment, else random (the result says which). */
  readonly seed?: number;
  /** Replay path: the run's index in the whole suite, then fast-check's shrink steps (`g:s1:s2...`). */
  readonly path?: string;
  /** Check only these (default: every property of the strategy's declared guarantee). */
  readonly properties?: readonly SuiteProperty[];
  readonly shape?: ScenarioShape;
  /** Run the scenario minimizer after fast-check's shrinking (default true). */
  readonly minimize?: boolean;
  /** Run only this part of the suite's batches (`snapcheck run --shard k/n`). */
  readonly shard?: Shard;
  /** Called after every scenario evaluated (runs first, then shrink steps), with the count so far. */
  readonly onEvaluated?: (evaluated: number) => void;
}

export interface PropertyTally {
  readonly property: SuiteProperty;
  checked: number;
  notApplicable: number;
  violations: number;
}

/** Verdicts of the properties the suite checks itself (determinism, no-exception). */
export type SuiteVerdict =
  | { readonly status: 'ok'; readonly property: SuiteProperty }
  | { readonly status: 'violated'; readonly property: SuiteProperty; readonly explanation: string };

export interface Finding {
  readonly property: SuiteProperty;
  readonly verdict: Verdict | SuiteVerdict;
}

export interface Counterexample extends Finding {
  /** The smallest scenario found: fast-check's shrunk one, then minimized. */
  readonly scenario: Scenario;
  /** The scenario as fast-check's shrinking left it (what --seed and --path replay). */
  readonly shrunkScenario: Scenario;
  /** Minimizer steps accepted after fast-check's shrinking. */
  readonly minimizerSteps: number;
  /** The suite's seed (not the batch's): with `path`, what `snapcheck run --seed --path` replays. */
  readonly seed: number;
  readonly path: string;
  /** Runs it took to find the first failure (including it), counted over the whole suite. */
  readonly runsToFind: number;
  readonly shrinks: number;
}

/** One batch's part of a suite: tallies up to and including the run that decided, and what it found. */
export interface BatchResult {
  readonly batch: number;
  readonly firstRun: number;
  readonly runs: number;
  /** Scenarios evaluated, shrink steps included. */
  readonly evaluated: number;
  readonly tallies: readonly PropertyTally[];
  readonly outcome: { readonly kind: 'passed' } | { readonly kind: 'failed'; readonly counterexample: Counterexample } | { readonly kind: 'contract-broken'; readonly message: string };
}

export interface SuiteResult {
  readonly strategy: string;
  readonly guarantee: Guarantee;
  readonly seed: number;
  /** The suite's size; `runsChecked` of them were run (fewer when a counterexample stopped it, or a shard ran). */
  readonly runs: number;
  readonly runsChecked: number;
  readonly shard: Shard | null;
  readonly tallies: readonly PropertyTally[];
  /** Every batch that counts toward the result, in order (what `snapcheck merge` combines). */
  readonly batches: readonly BatchResult[];
  readonly counterexample: Counterexample | null;
}

/** Options with the seed settled: what a batch and its combination need. */
export type SeededSuiteOptions = SuiteOptions & { readonly seed: number };

/** Run a strategy's suite in this thread: its batches in order, until the first counterexample. */
export function runSuite(strategy: CheckpointStrategy, suiteOptions: SuiteOptions): SuiteResult {
  const options: SeededSuiteOptions = { ...suiteOptions, seed: suiteOptions.seed ?? resolveSeed() };
  const results: BatchResult[] = [];
  let evaluatedBefore = 0;
  for (const batch of planBatches(options)) {
    const onEvaluated = options.onEvaluated === undefined ? undefined : (n: number) => options.onEvaluated!(evaluatedBefore + n);
    const result = runBatch(strategy, { ...options, ...(onEvaluated ? { onEvaluated } : {}) }, batch);
    evaluatedBefore += result.evaluated;
    results.push(result);
    if (result.outcome.kind !== 'passed') break;
  }
  return combineBatches(strategy, options, results);
}

/** Run one batch: a fast-check run with the batch's own seed, shrinking and minimizing what it finds. */
export function runBatch(strategy: CheckpointStrategy, options: SeededSuiteOptions, batch: Batch): BatchResult {
  const properties = options.properties ?? PROPERTIES_BY_GUARANTEE[strategy.guarantee];
  const tallies = properties.map((property): PropertyTally => ({ property, checked: 0, notApplicable: 0, violations: 0 }));
  let focus: SuiteProperty | null = null;
  let evaluated = 0;
  let shrinking = false;
  // A strategy that breaks the interface contract is not a counterexample: it is reported as is.
  let contractBroken: StrategyContractError | null = null;
  const predicate = (scenario: Scenario): boolean => {
    evaluated++;
    options.onEvaluated?.(evaluated);
    if (contractBroken !== null) return false; // ends the run quickly: every remaining step "fails"
    let findings: Finding[];
    try {
      findings = evaluate(strategy, scenario, properties, shrinking ? null : tallies);
    } catch (error) {
      if (!(error instanceof StrategyContractError)) throw error;
      contractBroken = error;
      return false;
    }
    const hit = focus === null ? findings[0] : findings.find((f) => f.property === focus);
    if (hit === undefined) return true;
    focus = hit.property;
    shrinking = true;
    return false;
  };
  const arbitrary = scenarioArbitrary(strategy, options.shape ?? DEFAULT_SHAPE);
  const details = fc.check(fc.property(arbitrary, predicate), {
    numRuns: batch.runs,
    seed: batch.seed,
    ...(batch.path === null ? {} : { path: batch.path }),
  });
  const base = { batch: batch.index, firstRun: batch.firstRun, tallies, evaluated };
  if (contractBroken !== null) return { ...base, runs: details.numRuns, outcome: { kind: 'contract-broken', message: (contractBroken as Error).message } };
  if (!details.failed || details.counterexample === null) return { ...base, runs: batch.runs, outcome: { kind: 'passed' } };
  const counterexample = minimizedCounterexample(strategy, options, focus!, details.counterexample[0], {
    path: globalPath(batch, details.counterexamplePath ?? ''),
    // Replaying a path runs only the run it names: that run's place in the suite is what it took.
    runsToFind: batch.firstRun + (batch.path === null ? details.numRuns : Number(batch.path.split(':')[0]) + 1),
    shrinks: details.numShrinks,
  });
  return { ...base, runs: details.numRuns, outcome: { kind: 'failed', counterexample } };
}

function minimizedCounterexample(strategy: CheckpointStrategy, options: SeededSuiteOptions, property: SuiteProperty, shrunkScenario: Scenario, found: Pick<Counterexample, 'path' | 'runsToFind' | 'shrinks'>): Counterexample {
  const minimized =
    options.minimize === false
      ? { scenario: shrunkScenario, accepted: 0 }
      : minimizeScenario(shrunkScenario, (candidate) => evaluate(strategy, candidate, [property], null).length > 0, { strategy });
  const scenario = minimized.scenario;
  const finding = evaluate(strategy, scenario, [property], null)[0];
  const verdict = finding?.verdict ?? { status: 'violated' as const, property, explanation: 'the failure did not reproduce on re-evaluation (nondeterminism?)' };
  return { property, verdict, scenario, shrunkScenario, minimizerSteps: minimized.accepted, seed: options.seed, ...found };
}

/**
 * The suite's result from its batches (in any order, from any number of threads or shards): every
 * batch before the first one that found something, and that one, which decides. The same batches
 * give the same result, however they were run.
 */
export function combineBatches(strategy: CheckpointStrategy, options: Pick<SeededSuiteOptions, 'runs' | 'seed' | 'shard' | 'properties'>, results: readonly BatchResult[]): SuiteResult {
  const ordered = [...results].sort((a, b) => a.batch - b.batch);
  const decisive = ordered.findIndex((r) => r.outcome.kind !== 'passed');
  const counted = decisive === -1 ? ordered : ordered.slice(0, decisive + 1);
  const properties = options.properties ?? PROPERTIES_BY_GUARANTEE[strategy.guarantee];
  const tallies = properties.map((property, i): PropertyTally => ({
    property,
    checked: sum(counted, (r) => r.tallies[i]?.checked ?? 0),
    notApplicable: sum(counted, (r) => r.tallies[i]?.notApplicable ?? 0),
    violations: sum(counted, (r) => r.tallies[i]?.violations ?? 0),
  }));
  const last = counted[counted.length - 1]?.outcome;
  if (last?.kind === 'contract-broken') throw new StrategyContractError(last.message);
  return {
    strategy: strategy.name,
    guarantee: strategy.guarantee,
    seed: options.seed,
    runs: options.runs,
    runsChecked: sum(counted, (r) => r.runs),
    shard: options.shard ?? null,
    tallies,
    batches: counted,
    counterexample: last?.kind === 'failed' ? last.counterexample : null,
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** Run one scenario and check the given properties; returns the violations, in property order. */
export function evaluate(strategy: CheckpointStrategy, scenario: Scenario, properties: readonly SuiteProperty[], tallies: PropertyTally[] | null): Finding[] {
  let history;
  try {
    history = run(scenario, strategy).history;
  } catch (error) {
    if (error instanceof StrategyContractError || error instanceof UnsupportedTopology) throw error; // bad input, not a finding
    const explanation = `the run threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    return [{ property: 'no-exception', verdict: { status: 'violated', property: 'no-exception', explanation } }];
  }
  const findings: Finding[] = [];
  properties.forEach((property, i) => {
    const verdict = checkOne(strategy, scenario, history, property);
    const tally = tallies?.[i];
    if (tally) {
      if (verdict.status === 'not-applicable') tally.notApplicable++;
      else tally.checked++;
      if (verdict.status === 'violated') tally.violations++;
    }
    if (verdict.status === 'violated') findings.push({ property, verdict });
  });
  return findings;
}

function checkOne(strategy: CheckpointStrategy, scenario: Scenario, history: ReturnType<typeof run>['history'], property: SuiteProperty): Finding['verdict'] {
  if (property === 'no-exception') return { status: 'ok', property }; // the run above did not throw
  if (property === 'determinism') {
    const again = run(scenario, strategy).history;
    const [first, second] = [hashHistory(history), hashHistory(again)];
    if (first === second) return { status: 'ok', property };
    return { status: 'violated', property, explanation: `two runs of the same scenario produced different Histories (hash ${first} vs ${second})` };
  }
  return CHECKERS[property](scenario, history);
}

export function reproductionCommand(strategy: string, seed: number, path: string, runs: number, properties?: readonly SuiteProperty[]): string {
  const only = properties === undefined ? '' : ` --property ${properties.join(',')}`;
  // A negative seed is written --seed=-5: after a space, the parser would read -5 as an option.
  return `npx snapcheck run --strategy ${strategy} --seed${seed < 0 ? '=' : ' '}${seed} --path ${path} --runs ${runs}${only}`;
}
