// The guarantee matrix: for every built-in strategy and oracle property, the verdict we expect:
// the property holds on every scenario, or a violation is found (the strategy promises less), or
// the property does not apply. `checkMatrix` runs every cell and reports what it found.
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import type { CheckpointStrategy, Guarantee } from '../strategies/strategy.ts';
import type { PropertyName } from '../oracle/verdict.ts';
import { runSuite, type SuiteResult } from './suite.ts';

export type Expectation = 'hold' | 'violated' | 'n/a';

export const MATRIX_PROPERTIES: readonly PropertyName[] = ['cut-consistency', 'prefix-consistency', 'exactly-once', 'at-least-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol'];

/**
 * What each guarantee implies. Exactly-once implies at-least-once. At-least-once strategies snapshot
 * without aligning, so their cuts are inconsistent and a restore duplicates: those cells are
 * expected to be violated, and the suites must show it.
 */
const BY_GUARANTEE: Record<Guarantee, Record<PropertyName, Expectation>> = {
  'exactly-once': {
    'cut-consistency': 'hold',
    'prefix-consistency': 'hold',
    'exactly-once': 'hold',
    'at-least-once': 'hold',
    liveness: 'hold',
    'coordinator-contract': 'hold',
    'abort-protocol': 'hold',
    'barrier-protocol': 'hold',
  },
  'at-least-once': {
    'cut-consistency': 'violated',
    'prefix-consistency': 'violated',
    'exactly-once': 'violated',
    'at-least-once': 'hold',
    liveness: 'hold',
    'coordinator-contract': 'hold',
    'abort-protocol': 'hold',
    'barrier-protocol': 'hold',
  },
  none: {
    'cut-consistency': 'n/a',
    'prefix-consistency': 'n/a',
    'exactly-once': 'n/a',
    'at-least-once': 'n/a',
    liveness: 'hold',
    'coordinator-contract': 'hold',
    'abort-protocol': 'hold',
    'barrier-protocol': 'hold',
  },
};

export function expectedVerdict(strategy: CheckpointStrategy, property: PropertyName): Expectation {
  return BY_GUARANTEE[strategy.guarantee][property];
}

export interface CellResult {
  readonly strategy: string;
  readonly property: PropertyName;
  readonly expected: Expectation;
  /** What was seen: held over `runs` scenarios, or violated (after `runsToFind`), or not checked. */
  readonly observed: 'held' | 'violated' | 'not checked';
  readonly runs: number;
  readonly runsToFind?: number;
  readonly matches: boolean;
}

export interface MatrixOptions {
  readonly seed: number;
  /** Scenarios for a cell expected to hold, and the budget to find a violation in one expected to fail. */
  readonly runs: number;
  readonly strategies?: readonly CheckpointStrategy[];
  readonly onCell?: (cell: CellResult) => void;
}

export function checkMatrix(options: MatrixOptions): CellResult[] {
  const cells: CellResult[] = [];
  for (const strategy of options.strategies ?? BUILT_IN_STRATEGIES) {
    for (const property of MATRIX_PROPERTIES) {
      const cell = checkCell(strategy, property, options);
      options.onCell?.(cell);
      cells.push(cell);
    }
  }
  return cells;
}

export function checkCell(strategy: CheckpointStrategy, property: PropertyName, options: Pick<MatrixOptions, 'seed' | 'runs'>): CellResult {
  const expected = expectedVerdict(strategy, property);
  const base = { strategy: strategy.name, property, expected, runs: options.runs };
  if (expected === 'n/a') return { ...base, observed: 'not checked', matches: true };
  const result: SuiteResult = runSuite(strategy, { runs: options.runs, seed: options.seed, properties: [property], minimize: false });
  const ce = result.counterexample;
  if (ce === null) return { ...base, observed: 'held', matches: expected === 'hold' };
  return { ...base, observed: 'violated', runsToFind: ce.runsToFind, matches: expected === 'violated' };
}
