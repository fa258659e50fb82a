// Canaries falsely declare exactly-once. The suite must FIND their violations within fixed seeds;
// a canary that passes is a failing test. Runs-to-find are printed for the record.
import { describe, expect, it } from 'vitest';
import { runSuite } from '../models/suite.ts';
import { earlyUnblock, noAlign } from './strategies.ts';

const CANARY_SEEDS = [1, 2, 3, 4, 5];
const RUNS_BUDGET = 400;

const cases = [
  { strategy: noAlign, expected: ['cut-consistency', 'prefix-consistency', 'exactly-once'] },
  { strategy: earlyUnblock, expected: ['cut-consistency', 'prefix-consistency', 'exactly-once'] },
];

describe('canaries are caught', () => {
  for (const { strategy, expected } of cases) {
    it.each(CANARY_SEEDS)(`${strategy.name} is caught with seed %i`, (seed) => {
      const result = runSuite(strategy, { runs: RUNS_BUDGET, seed });
      expect(result.counterexample, `${strategy.name} passed ${RUNS_BUDGET} scenarios with seed ${seed}`).not.toBeNull();
      const ce = result.counterexample!;
      expect(expected).toContain(ce.property);
      console.log(`canary ${strategy.name} seed ${seed}: ${ce.property} found after ${ce.runsToFind} run(s), ${ce.shrinks} shrink step(s)`);
    });
  }
});
