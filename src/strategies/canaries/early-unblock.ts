// CANARY: falsely declares exactly-once. Aligns like `aligned`, but resumes each input as soon as
// its barrier arrives, so it keeps consuming records sent after the upstream snapshot before its
// own snapshot: orphans in the cut, duplicates after recovery. The suites must find this.
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { checkpointAndResume, replayAll, SourceBarrierInjector } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

class EarlyUnblockTask implements TaskStrategy {
  private readonly source = new SourceBarrierInjector();
  private aligning: CheckpointId = 0;
  private arrived = new Set<ChannelIndex>();

  constructor(private readonly context: TaskContext) {}

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        return this.source.triggered(event.checkpoint);
      case 'barrierReceived':
        return this.barrierReceived(event.channel, event.checkpoint);
      case 'checkpointAborted':
      case 'cancellationReceived':
        if (event.checkpoint === this.aligning) this.arrived = new Set();
        return [];
      case 'restored':
        return replayAll(event.channelsWithState);
      case 'checkpointCompleted':
        return []; // nothing to commit
      case 'recordReceived':
      case 'timerFired':
        throw new Error(`early-unblock asked for no ${event.kind} events`);
    }
  }

  private barrierReceived(channel: ChannelIndex, checkpoint: CheckpointId): readonly Effect[] {
    const resume: Effect = { kind: 'unblock', channel }; // the bug: resumed before alignment completes
    if (checkpoint < this.aligning) return [resume];
    if (checkpoint > this.aligning) {
      this.aligning = checkpoint;
      this.arrived = new Set();
    }
    this.arrived.add(channel);
    if (this.arrived.size < this.context.inputs.length) return [resume];
    this.arrived = new Set();
    return checkpointAndResume(checkpoint, [channel]);
  }
}

export const earlyUnblock: CheckpointStrategy = {
  name: 'early-unblock',
  guarantee: 'exactly-once', // falsely
  supportsCycles: false,
  createTask: (context) => new EarlyUnblockTask(context),
};
