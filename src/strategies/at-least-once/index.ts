// `at-least-once` (Flink's CheckpointBarrierTracker): never blocks. It counts the barriers of each
// checkpoint and snapshots when all inputs delivered theirs; records that overtook a barrier on a
// fast input are then in the snapshot and are replayed after a restore: duplicates, never loss.
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { replayAll, SourceBarrierInjector } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

export class BarrierTrackerTask implements TaskStrategy {
  private readonly source = new SourceBarrierInjector();
  /** Per pending checkpoint, the inputs its barrier arrived on. */
  private readonly pending = new Map<CheckpointId, Set<ChannelIndex>>();
  /** Aborted before this task snapshotted them: their remaining barriers start nothing. */
  private readonly aborted = new Set<CheckpointId>();
  private lastSnapshotted: CheckpointId = 0;

  constructor(private readonly context: TaskContext) {}

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        return this.source.triggered(event.checkpoint);
      case 'barrierReceived':
        return [{ kind: 'unblock', channel: event.channel }, ...this.count(event.channel, event.checkpoint)];
      case 'checkpointAborted':
      case 'cancellationReceived':
        this.pending.delete(event.checkpoint);
        if (event.checkpoint > this.lastSnapshotted) this.aborted.add(event.checkpoint);
        return [];
      case 'restored':
        return replayAll(event.channelsWithState);
      case 'checkpointCompleted':
        return []; // nothing to commit
      case 'recordReceived':
      case 'timerFired':
        throw new Error(`at-least-once asked for no ${event.kind} events but got one at ${this.context.label}`);
    }
  }

  private count(channel: ChannelIndex, checkpoint: CheckpointId): Effect[] {
    if (checkpoint <= this.lastSnapshotted || this.aborted.has(checkpoint)) return []; // obsolete
    const arrived = this.pending.get(checkpoint) ?? new Set<ChannelIndex>();
    arrived.add(channel);
    this.pending.set(checkpoint, arrived);
    if (arrived.size < this.context.inputs.length) return [];
    this.lastSnapshotted = checkpoint;
    for (const id of [...this.pending.keys()]) if (id <= checkpoint) this.pending.delete(id); // older ones are subsumed
    for (const id of [...this.aborted]) if (id <= checkpoint) this.aborted.delete(id);
    return [
      { kind: 'snapshot', checkpoint },
      { kind: 'forwardBarrier', checkpoint },
      { kind: 'ack', checkpoint },
    ];
  }
}

export const atLeastOnce: CheckpointStrategy = {
  name: 'at-least-once',
  guarantee: 'at-least-once',
  supportsCycles: false,
  createTask: (context) => new BarrierTrackerTask(context),
};
