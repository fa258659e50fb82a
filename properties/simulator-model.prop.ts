// Model-based test of the simulator itself: random command sequences (emit, deliver, trigger,
// crash, recover) against an independent sequential model of aligned checkpointing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aligned, earlyUnblock } from './strategies.ts';
import { ManualSimulation } from '../src/index.ts';
import { simulatorCommands } from '../models/commands/commands.ts';
import { MODEL_SCENARIO, ReferenceModel } from '../models/commands/reference-model.ts';
import { SEED, scaledRuns } from './seed.ts';

describe('simulator against the sequential reference model', () => {
  it('agrees on every observable after every command', () => {
    const commands = simulatorCommands();
    const details = fc.check(
      fc.property(commands, (cmds) => {
        fc.modelRun(() => ({ model: new ReferenceModel(), real: new ManualSimulation(MODEL_SCENARIO, aligned) }), cmds);
      }),
      { seed: SEED, numRuns: scaledRuns(300) },
    );
    expect(details.failed ? fc.defaultReportMessage(details) : 'passed').toBe('passed');
  });
});

describe('canary: the model-based suite can fail', () => {
  it('finds that early-unblock resumes a channel the model keeps blocked', () => {
    const details = fc.check(
      fc.property(simulatorCommands(), (cmds) => {
        fc.modelRun(() => ({ model: new ReferenceModel(), real: new ManualSimulation(MODEL_SCENARIO, earlyUnblock) }), cmds);
      }),
      { seed: 42, numRuns: 100 },
    );
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/blocked flag/);
    console.log(`model-based canary: early-unblock caught after ${details.numRuns} run(s)`);
  });
});
