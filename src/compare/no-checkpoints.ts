// The baseline of `throughput_vs_no_checkpoints`: the job with no checkpoint at all. Its scenario has
// no triggers, so no barrier ever reaches a task; after a crash every task restarts from the
// initial state (there is no checkpoint), which has no channel state to replay.
import type { CheckpointStrategy, StrategyEvent, TaskStrategy } from '../strategies/strategy.ts';

class UncheckpointedTask implements TaskStrategy {
  handle(event: StrategyEvent): readonly [] {
    if (event.kind === 'restored' || event.kind === 'recordReceived') return []; // nothing to replay, nothing to record
    throw new Error(`the no-checkpoint baseline runs without triggers, but got ${event.kind}`);
  }
}

export const NO_CHECKPOINTS: CheckpointStrategy = {
  name: 'no-checkpoints',
  guarantee: 'none',
  supportsCycles: true,
  createTask: () => new UncheckpointedTask(),
};
