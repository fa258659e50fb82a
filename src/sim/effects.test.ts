// A strategy that breaks the interface contract gets a clear error naming it and the problem;
// one that never resumes a channel deadlocks, and the run says so instead of hanging.
import { describe, expect, it } from 'vitest';
import type { CheckpointStrategy, Effect, StrategyEvent } from '../strategies/strategy.ts';
import { aligned } from '../strategies/aligned/index.ts';
import { StrategyContractError } from './effects.ts';
import { run } from './runner.ts';
import { twoInputScenario } from './test-scenarios.ts';

/** `aligned`, except that barriers at non-source tasks are answered by `onBarrier`. */
function alignedExcept(name: string, onBarrier: (event: StrategyEvent) => readonly Effect[]): CheckpointStrategy {
  return {
    name,
    guarantee: 'exactly-once',
    supportsCycles: false,
    createTask(context) {
      const inner = aligned.createTask(context);
      return { handle: (event) => (event.kind === 'barrierReceived' ? onBarrier(event) : inner.handle(event)) };
    },
  };
}

describe('strategy contract', () => {
  it('names the strategy, the task and the unknown effect', () => {
    const strategy = alignedExcept('teleporter', () => [{ kind: 'teleport' } as unknown as Effect]);
    expect(() => run(twoInputScenario(), strategy)).toThrow(StrategyContractError);
    expect(() => run(twoInputScenario(), strategy)).toThrow(/strategy "teleporter" \(task c\.0\) returned an unknown effect \{"kind":"teleport"\}/);
  });

  it('rejects a handler result that is not an array', () => {
    const strategy = alignedExcept('lazy', () => undefined as unknown as Effect[]);
    expect(() => run(twoInputScenario(), strategy)).toThrow(/returned undefined instead of an array of effects/);
  });

  it('rejects an ack without a snapshot', () => {
    const strategy = alignedExcept('hasty', (e) => [{ kind: 'ack', checkpoint: (e as { checkpoint: number }).checkpoint }]);
    expect(() => run(twoInputScenario(), strategy)).toThrow(/acknowledged checkpoint 1 without taking its snapshot/);
  });

  it('rejects unblocking a channel that is not an input of the task', () => {
    const strategy = alignedExcept('wanderer', () => [{ kind: 'unblock', channel: 99 }]);
    expect(() => run(twoInputScenario(), strategy)).toThrow(/tried to unblock channel 99, which is not one of its inputs/);
  });

  it('reports a deadlock as stuck, naming the blocked channel', () => {
    const strategy = alignedExcept('sticky', () => []);
    const { history } = run(twoInputScenario(), strategy);
    const stuck = history.find((e) => e.kind === 'stuck');
    expect(stuck).toMatchObject({ kind: 'stuck', reason: expect.stringMatching(/^channel a\.0->c\.0 still holds \d+ message\(s\) and is blocked$/) });
    expect(history.some((e) => e.kind === 'quiesced')).toBe(false);
  });
});

describe('block effect', () => {
  it('pauses an input before its barrier arrives; never resumed, the run ends stuck on it', () => {
    // On the barrier of the first input, also block the second: its barrier can then never arrive.
    const strategy = alignedExcept('greedy-blocker', (event) =>
      event.kind === 'barrierReceived' && event.channel === 0 ? [{ kind: 'block', channel: 1 }] : [{ kind: 'unblock', channel: 1 }],
    );
    const { history } = run(twoInputScenario({ triggers: [2] }), strategy);
    const blockedSecond = history.findIndex((e) => e.kind === 'blocked' && e.channel === 1);
    const barrierOnSecond = history.findIndex((e) => e.kind === 'barrierReceived' && e.channel === 1);
    expect(blockedSecond).toBeGreaterThan(-1);
    expect(barrierOnSecond).toBe(-1);
    // The first thing the quiescence check finds is the source stalled behind the blocked channel.
    expect(history.find((e) => e.kind === 'stuck')).toMatchObject({ reason: expect.stringMatching(/^source b\.0 stopped at offset \d+ of 8$/) });
  });
});
