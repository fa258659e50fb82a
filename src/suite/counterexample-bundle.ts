// A suite's counterexample as a bundle: the minimized scenario, replayed once more to record its
// decisions and History chain, with how the suite found it.
import { createBundle, type Bundle, type StrategyRef } from '../trace/bundle.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import type { SuiteProperty, SuiteResult } from './suite.ts';

export function counterexampleBundle(
  result: SuiteResult,
  strategy: CheckpointStrategy,
  strategyRef: StrategyRef,
  createdBy: string,
  properties?: readonly SuiteProperty[],
): Bundle {
  const ce = result.counterexample;
  if (ce === null) throw new Error(`counterexampleBundle: ${result.strategy} has no counterexample`);
  return createBundle({
    strategy,
    strategyRef,
    scenario: ce.scenario,
    property: ce.property,
    createdBy,
    search: {
      seed: ce.seed,
      path: ce.path,
      runs: result.runs,
      runsToFind: ce.runsToFind,
      shrinks: ce.shrinks,
      minimizerSteps: ce.minimizerSteps,
      properties: properties === undefined ? null : [...properties],
    },
  });
}

export function builtInRef(strategy: CheckpointStrategy): StrategyRef {
  return { kind: 'built-in', name: strategy.name };
}
