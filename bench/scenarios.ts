// Scenarios per second at the default property size: generated once (fast-check), then timed
// through the simulator alone and through the simulator plus every oracle property.
import fc from 'fast-check';
import { CHECKERS, findStrategy, run, type PropertyName } from '../src/index.ts';
import { scenarioArbitrary } from '../src/index.ts';
import { median, timeRepeated } from './measure.ts';

const PROPERTIES: readonly PropertyName[] = ['cut-consistency', 'prefix-consistency', 'exactly-once', 'liveness', 'coordinator-contract'];

export function scenariosPerSecond(count: number): { simulated: number; checked: number } {
  const aligned = findStrategy('aligned')!;
  const scenarios = fc.sample(scenarioArbitrary(aligned), { seed: 2026, numRuns: count });
  const simulate = timeRepeated(3, () => {
    for (const scenario of scenarios) run(scenario, aligned);
  });
  const check = timeRepeated(3, () => {
    for (const scenario of scenarios) {
      const { history } = run(scenario, aligned);
      for (const property of PROPERTIES) CHECKERS[property](scenario, history);
    }
  });
  return { simulated: count / (median(simulate.ms) / 1000), checked: count / (median(check.ms) / 1000) };
}
