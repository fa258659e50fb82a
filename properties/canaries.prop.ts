// Canaries falsely declare exactly-once. The suite must FIND their violations within fixed seeds;
// a canary that passes is a failing test. Runs-to-find are printed for the record.
import { describe, expect, it } from 'vitest';
import { runSuite } from '../src/index.ts';
import { atLeastOnceAsExactlyOnce, earlyUnblock, ignoresAborts, neverCompletes, noAlign, obsoleteKeepsBlocked, unalignedForgetsOutput, unalignedLateRestore } from './strategies.ts';

const CANARY_SEEDS = [1, 2, 3, 4, 5];
const RUNS_BUDGET = 400;

const STATE = ['cut-consistency', 'prefix-consistency', 'exactly-once'];
const cases = [
  { strategy: noAlign, expected: STATE },
  // An input resumed early lets a newer barrier in: the task then drops a checkpoint whose barriers all came.
  { strategy: earlyUnblock, expected: [...STATE, 'barrier-protocol'] },
  { strategy: unalignedForgetsOutput, expected: STATE },
  // Late replay reorders or loses recovered records: only a restore shows it, in the final state or
  // in the next checkpoint's cut (consumed after live data that was sent later).
  { strategy: unalignedLateRestore, expected: STATE },
  // The paused input either blocks the job for good, or is seen paused for a checkpoint that is over.
  { strategy: obsoleteKeepsBlocked, expected: ['liveness', 'barrier-protocol'] },
  // Duplicates after a restore; its snapshots are inconsistent cuts too.
  { strategy: atLeastOnceAsExactlyOnce, expected: STATE },
  // Every state check holds (nothing completes, every restore starts over); the final checkpoint does not.
  { strategy: neverCompletes, expected: ['liveness'] },
  // Inputs held paused for aborted checkpoints: no state is wrong, the protocol is; and when a source
  // lost the trigger of the checkpoint being aligned and no newer one comes, the job never drains.
  { strategy: ignoresAborts, expected: ['barrier-protocol', 'abort-protocol', 'liveness'] },
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

describe('no-align counterexamples are small', () => {
  it('over 20 seeds: at most 2 sources, 1 operator between sources and sink, 6 records', () => {
    const sizes = Array.from({ length: 20 }, (_, i) => {
      const ce = runSuite(noAlign, { runs: RUNS_BUDGET, seed: 1000 + i }).counterexample;
      if (ce === null) throw new Error(`no-align passed with seed ${1000 + i}`);
      const nodes = ce.scenario.topology.nodes;
      return {
        sources: nodes.filter((n) => n.kind === 'source').length,
        operators: nodes.filter((n) => n.kind !== 'source' && n.kind !== 'sink').length,
        records: Object.values(ce.scenario.sourceLogs).flat().reduce((n, log) => n + log.length, 0),
      };
    });
    console.log(`no-align minimized counterexamples over 20 seeds: ${JSON.stringify(sizes)}`);
    for (const size of sizes) {
      expect(size.sources).toBeLessThanOrEqual(2);
      expect(size.operators).toBeLessThanOrEqual(1);
      expect(size.records).toBeLessThanOrEqual(6);
    }
  });
});
