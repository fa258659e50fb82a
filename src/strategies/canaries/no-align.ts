// CANARY: falsely declares exactly-once. Snapshots and forwards on the FIRST barrier of a
// checkpoint, without waiting for the others, and keeps consuming every input. Records still in
// flight on the slower inputs are then neither in the snapshot nor recorded: a lost record in the
// cut (and duplicates or losses after recovery). The suites must find this.
import type { CheckpointId } from '../../core/ids.ts';
import { checkpointAndResume, replayAll, SourceBarrierInjector } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

class NoAlignTask implements TaskStrategy {
  private readonly source = new SourceBarrierInjector();
  private lastSnapshotted: CheckpointId = 0;

  constructor(private readonly context: TaskContext) {}

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        return this.source.triggered(event.checkpoint);
      case 'barrierReceived':
        if (event.checkpoint <= this.lastSnapshotted) return [{ kind: 'unblock', channel: event.channel }];
        this.lastSnapshotted = event.checkpoint;
        return checkpointAndResume(event.checkpoint, [event.channel]);
      case 'restored':
        return replayAll(event.channelsWithState);
      case 'checkpointAborted':
      case 'checkpointCompleted':
      case 'cancellationReceived':
        return []; // nothing is ever held back, so there is nothing to release
      case 'recordReceived':
      case 'timerFired':
        throw new Error(`no-align asked for no ${event.kind} events`);
    }
  }
}

export const noAlign: CheckpointStrategy = {
  name: 'no-align',
  guarantee: 'exactly-once', // falsely
  supportsCycles: false,
  createTask: (context) => new NoAlignTask(context),
};
