// Every cell of the guarantee matrix, as its own test: each built-in strategy is held to every
// oracle property of its declared guarantee, and the properties it does not promise are shown to
// fail (at-least-once: inconsistent cuts, duplicates). Fresh random scenarios from the run's seed.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_STRATEGIES, CHECKERS, run } from '../src/index.ts';
import { checkCell, expectedVerdict, MATRIX_PROPERTIES } from '../src/index.ts';
import { runSuite } from '../src/index.ts';
import { SEED, scaledRuns } from './seed.ts';
import { failureReport } from './suite-assertions.ts';

const RUNS = scaledRuns(300);

describe(`guarantee matrix (seed ${SEED}, ${RUNS} scenarios a cell)`, () => {
  for (const strategy of BUILT_IN_STRATEGIES) {
    describe(strategy.name, () => {
      for (const property of MATRIX_PROPERTIES) {
        const expected = expectedVerdict(strategy, property);
        it(`${property}: ${expected}`, () => {
          if (expected === 'hold') {
            const result = runSuite(strategy, { runs: RUNS, seed: SEED, properties: [property] });
            expect(result.counterexample, failureReport(result, [property])).toBeNull();
            // The property must really have been checked, not skipped as not applicable.
            expect(result.tallies[0]!.checked).toBeGreaterThan(RUNS / 2);
          } else {
            const cell = checkCell(strategy, property, { seed: SEED, runs: RUNS });
            expect(cell.observed, `${strategy.name} never violated ${property} in ${RUNS} scenarios`).toBe('violated');
          }
        });
      }
      it('is deterministic and never throws', () => {
        const result = runSuite(strategy, { runs: RUNS, seed: SEED, properties: ['determinism', 'no-exception'] });
        expect(result.counterexample, failureReport(result)).toBeNull();
      });
    });
  }
});

describe('at-least-once after a crash', () => {
  it('loses nothing and shows the duplicates', () => {
    const strategy = BUILT_IN_STRATEGIES.find((s) => s.name === 'at-least-once')!;
    const found = runSuite(strategy, { runs: 2000, seed: 7, properties: ['exactly-once'] }).counterexample;
    expect(found).not.toBeNull();
    const scenario = found!.scenario;
    const { history } = run(scenario, strategy);
    expect(history.some((e) => e.kind === 'crashed')).toBe(true);
    const atLeastOnce = CHECKERS['at-least-once'](scenario, history);
    expect(atLeastOnce.status).toBe('ok');
    expect(atLeastOnce.status === 'ok' ? atLeastOnce.duplicates : 0).toBeGreaterThan(0);
    console.log(`at-least-once: ${atLeastOnce.status === 'ok' ? atLeastOnce.duplicates : '?'} duplicate(s) at the sinks, nothing lost`);
  });
});
