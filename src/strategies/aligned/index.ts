// The `aligned` strategy: block each input as its barrier arrives; when barrier n has arrived on
// every input, snapshot, forward n and unblock all as one atomic step. Snapshot = state only.
import { replayAll, SourceBarrierInjector } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';
import { WaitingForFirstBarrier, type AlignmentMemory, type AlignmentState } from './states.ts';

export class AlignedTask implements TaskStrategy {
  private readonly source = new SourceBarrierInjector();
  private state: AlignmentState;

  constructor(private readonly context: TaskContext) {
    const memory: AlignmentMemory = { context, lastStarted: 0, aborted: new Set() };
    this.state = new WaitingForFirstBarrier(memory);
  }

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        if (!this.context.isSource) throw new Error(`${this.context.label} is not a source but was triggered`); // mutation-equivalent(swap-adjacent): the runtime triggers sources only, so this guard never fires
        return this.source.triggered(event.checkpoint);
      case 'barrierReceived':
        return this.transition(this.state.barrierReceived(event.channel, event.checkpoint));
      case 'checkpointAborted':
        return this.transition(this.state.cancelled(event.checkpoint, false));
      case 'cancellationReceived':
        return this.transition(this.state.cancelled(event.checkpoint, true));
      case 'restored':
        return replayAll(event.channelsWithState); // kept general for wrappers // mutation-equivalent(remove-call): aligned stores no channel state, so a restore never hands it any
      case 'checkpointCompleted':
        return []; // state-only snapshots need no follow-up
      case 'recordReceived':
      case 'timerFired':
        throw new Error(`aligned asked for no ${event.kind} events but got one at ${this.context.label}`);
    }
  }

  private transition([next, effects]: [AlignmentState, readonly Effect[]]): readonly Effect[] {
    this.state = next;
    return effects;
  }
}

export const aligned: CheckpointStrategy = {
  name: 'aligned',
  guarantee: 'exactly-once',
  supportsCycles: false,
  createTask: (context) => new AlignedTask(context),
};
