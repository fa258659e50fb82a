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

/** Oracle properties, plus two the suite checks itself: same inputs give the same History, and the run does not throw. */
export type SuiteProperty = PropertyName | 'determinism' | 'no-exception';

export const PROPERTIES_BY_GUARANTEE: Record<Guarantee, readonly SuiteProperty[]> = {
  'exactly-once': ['cut-consistency', 'prefix-consistency', 'exactly-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol', 'determinism', 'no-exception'],
  'at-least-once': ['at-least-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol', 'determinism', 'no-exception'],
  none: ['liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol', 'determinism', 'no-exception'],
};

export interface SuiteOptions {
  readonly runs: number;
  readonly seed: number;
  /** fast-check replay path: jumps straight to a known counterexample. */
  readonly path?: string;
  /** Check only these (default: every property of the strategy's declared guarantee). */
  readonly properties?: readonly SuiteProperty[];
  readonly shape?: ScenarioShape;
  /** Run the scenario minimizer after fast-check's shrinking (default true). */
  readonly minimize?: boolean;
  /** Called after every scenario evaluated (runs first, then shrink steps). */
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
  readonly seed: number;
  readonly path: string;
  /** Runs it took to find the first failure (including it). */
  readonly runsToFind: number;
  readonly shrinks: number;
}

export interface SuiteResult {
  readonly strategy: string;
  readonly guarantee: Guarantee;
  readonly seed: number;
  readonly runs: number;
  readonly tallies: readonly PropertyTally[];
  readonly counterexample: Counterexample | null;
}

export function runSuite(strategy: CheckpointStrategy, options: SuiteOptions): SuiteResult {
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
    numRuns: options.runs,
    seed: options.seed,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (contractBroken !== null) throw contractBroken;
  const base = { strategy: strategy.name, guarantee: strategy.guarantee, seed: options.seed, runs: options.runs, tallies };
  if (!details.failed || details.counterexample === null) return { ...base, counterexample: null };
  const shrunkScenario = details.counterexample[0];
  const property = focus!;
  const minimized =
    options.minimize === false
      ? { scenario: shrunkScenario, accepted: 0 }
      : minimizeScenario(shrunkScenario, (candidate) => evaluate(strategy, candidate, [property], null).length > 0, { strategy });
  const scenario = minimized.scenario;
  const finding = evaluate(strategy, scenario, [property], null)[0];
  const verdict = finding?.verdict ?? { status: 'violated' as const, property, explanation: 'the failure did not reproduce on re-evaluation (nondeterminism?)' };
  return {
    ...base,
    counterexample: { property, verdict, scenario, shrunkScenario, minimizerSteps: minimized.accepted, seed: details.seed, path: details.counterexamplePath ?? '', runsToFind: details.numRuns, shrinks: details.numShrinks },
  };
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
  return `npx snapcheck run --strategy ${strategy} --seed ${seed} --path ${path} --runs ${runs}${only}`;
}
