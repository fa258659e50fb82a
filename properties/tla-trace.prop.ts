// Trace validation as a property: random runs of `aligned` over the Aligned spec's topology (random
// logs, operator, triggers, timing and decisions) are, step by step, behaviors of spec/Aligned.tla.
// The canaries' runs of the same scenarios are rejected, at c's first barrier.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alignedTraceScenario,
  describeTraceValidation,
  EmbeddedEngine,
  expandTopology,
  run,
  validateAlignedTrace,
  type AlignedTraceShape,
  type CheckpointStrategy,
  type Scenario,
} from '../src/index.ts';
import { SEED, scaledRuns } from './seed.ts';
import { aligned, earlyUnblock, noAlign } from './strategies.ts';

const RUNS = scaledRuns(100);
const CANARY_RUNS = scaledRuns(30);
/** The spec's ASSUME bounds: at most 5 records per source, 3 checkpoints. */
const RECORDS_MAX = 4;
const TRIGGERS_MAX = 3;

const record = fc.record({ key: fc.nat(2), value: fc.nat(9) });

const shapeArbitrary: fc.Arbitrary<AlignedTraceShape> = fc.record({
  logA: fc.array(record, { maxLength: RECORDS_MAX }),
  logB: fc.array(record, { maxLength: RECORDS_MAX }),
  operator: fc.constantFrom('count' as const, 'sum' as const, 'union' as const),
  triggerGapsTicks: fc.array(fc.nat(12), { minLength: 1, maxLength: TRIGGERS_MAX }),
  timing: fc.record({
    channelCapacity: fc.integer({ min: 1, max: 3 }),
    deliveryDelayTicksMax: fc.integer({ min: 0, max: 3 }),
    processingTicksMax: fc.integer({ min: 0, max: 2 }),
    uploadTicksMax: fc.integer({ min: 0, max: 4 }),
    rpcDelayTicksMax: fc.integer({ min: 0, max: 2 }),
  }),
  decisions: fc.array(fc.nat(5), { maxLength: 40 }),
});

const engine = new EmbeddedEngine();
afterAll(() => engine.stop());

async function validate(scenario: Scenario, strategy: CheckpointStrategy) {
  const history = run(scenario, strategy).history;
  return { history, validation: await validateAlignedTrace(engine, scenario, history) };
}

describe(`aligned runs are behaviors of spec/Aligned.tla (seed ${SEED})`, () => {
  it(`accepts ${RUNS} random aligned runs, step by step`, async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(shapeArbitrary, async (shape) => {
        const scenario = alignedTraceScenario(shape);
        const { validation } = await validate(scenario, aligned);
        if (validation.status !== 'accepted') throw new Error(describeTraceValidation(validation, scenario).join('\n'));
        steps += validation.steps;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`trace validation: ${RUNS} aligned runs accepted, ${steps} spec steps checked`);
  });

  for (const canary of [noAlign, earlyUnblock]) {
    it(`rejects every ${canary.name} run at c's first barrier`, async () => {
      await fc.assert(
        fc.asyncProperty(shapeArbitrary, async (shape) => {
          const scenario = alignedTraceScenario(shape);
          const { history, validation } = await validate(scenario, canary);
          const graph = expandTopology(scenario.topology);
          const firstAtC = history.findIndex((e) => e.kind === 'barrierReceived' && graph.tasks[e.task]!.node.id === 'c');
          expect(firstAtC, 'every run delivers a barrier to c').toBeGreaterThanOrEqual(0);
          expect(validation.status, describeTraceValidation(validation, scenario).join('\n')).toBe('rejected');
          if (validation.status === 'rejected') expect(validation.rejected.index).toBe(firstAtC);
        }),
        { seed: SEED, numRuns: CANARY_RUNS },
      );
    });
  }
});
