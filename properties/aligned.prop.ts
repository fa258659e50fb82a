// The aligned strategy against every property of its declared guarantee (exactly-once), each on
// its own fresh random scenarios from the run's seed.
import { describe, expect, it } from 'vitest';
import { PROPERTIES_BY_GUARANTEE, runSuite } from '../models/suite.ts';
import { aligned } from './strategies.ts';
import { SEED, scaledRuns } from './seed.ts';
import { failureReport } from './suite-assertions.ts';

const RUNS = scaledRuns(400);

describe(`aligned holds every exactly-once property (seed ${SEED}, ${RUNS} scenarios each)`, () => {
  for (const property of PROPERTIES_BY_GUARANTEE[aligned.guarantee]) {
    it(property, () => {
      const result = runSuite(aligned, { runs: RUNS, seed: SEED, properties: [property] });
      expect(result.counterexample, failureReport(result, [property])).toBeNull();
      const tally = result.tallies[0]!;
      // The property must actually have been exercised, not skipped as not applicable.
      expect(tally.checked).toBeGreaterThan(RUNS / 2);
    });
  }
});
