// Every generated topology and scenario is valid input: the generators never hand the simulator
// something `parseScenario` would reject (an unfed sink once slipped through on cyclic topologies).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, validateTopology } from '../index.ts';
import { scenarioArbitrary } from './scenario-arbitrary.ts';
import { buildTopology, topologyRecipe } from './topology-arbitrary.ts';

describe('generators', () => {
  it.each([false, true])('every topology (cycles: %s) passes validation', (cycles) => {
    fc.assert(
      fc.property(topologyRecipe(cycles).map(buildTopology), (topology) => {
        expect(validateTopology(topology)).toEqual({ ok: true });
      }),
      { numRuns: 3000 },
    );
  });

  it('every scenario parses as a scenario file would', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ name: 'chandy-lamport', supportsCycles: true }), (scenario) => {
        const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
        expect(parsed.ok ? 'ok' : parsed.problem).toBe('ok');
      }),
      { numRuns: 1000 },
    );
  });
});
