// `at-least-once` (Flink's CheckpointBarrierTracker): never blocks. It counts the barriers of each
// checkpoint and snapshots when all inputs delivered theirs; records that overtook a barrier on a
// fast input are then in the snapshot and are replayed after a restore: duplicates, never loss.
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { SourceBarrierInjector } from '../shared-steps.ts';
import { NO_EFFECTS, type CheckpointStrategy, type Effect, type StrategyEvent, type TaskContext, type TaskStrategy } from '../strategy.ts';

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
        return [{ kind: 'unblock', channel: event.channel }, ...this.count(event.channel, event.checkpoint)]; // mutation-equivalent(swap-adjacent): one atomic step: no record is processed between these effects, and the ack leaves only after the upload
      case 'checkpointAborted':
      case 'cancellationReceived':
        this.pending.delete(event.checkpoint); // mutation-equivalent(remove-call, swap-adjacent): the barriers counted for an aborted checkpoint are never read again: it is in aborted (or already snapshotted), and count rejects it first
        if (event.checkpoint > this.lastSnapshotted) this.aborted.add(event.checkpoint); // mutation-equivalent(shift-boundary, off-by-one:event.checkpoint): the checkpoint last snapshotted is rejected by count's first test anyway
        return [];
      case 'restored':
        return NO_EFFECTS; // state-only snapshots: no channel state to put back
      case 'checkpointCompleted':
        return []; // nothing to commit
      case 'recordReceived':
      case 'timerFired':
        throw new Error(`at-least-once asked for no ${event.kind} events but got one at ${this.context.label}`);
    }
  }

  private count(channel: ChannelIndex, checkpoint: CheckpointId): Effect[] {
    if (checkpoint <= this.lastSnapshotted || this.aborted.has(checkpoint)) return []; // obsolete // mutation-equivalent(shift-boundary, off-by-one:checkpoint): they let a barrier of the checkpoint last snapshotted through, and none comes: every input delivered it before that snapshot, and a channel carries each barrier once
    const arrived = this.pending.get(checkpoint) ?? new Set<ChannelIndex>();
    arrived.add(channel); // mutation-equivalent(swap-adjacent): pending holds this very set, so adding to it before or after storing it is the same
    this.pending.set(checkpoint, arrived);
    if (arrived.size < this.context.inputs.length) return [];
    this.lastSnapshotted = checkpoint; // mutation-equivalent(remove-call, swap-adjacent): barriers on a channel come in increasing order, so no barrier of an older checkpoint can complete it after this one; the field only prunes memory and filters ids already pruned
    for (const id of [...this.pending.keys()]) if (id <= checkpoint) this.pending.delete(id); // older ones are subsumed // mutation-equivalent(remove-call, swap-adjacent, empty-collection, shift-boundary, off-by-one:id): pruning only bounds memory: count rejects every id at or below lastSnapshotted before it reads pending
    for (const id of [...this.aborted]) if (id <= checkpoint) this.aborted.delete(id); // mutation-equivalent(remove-call, swap-adjacent, empty-collection, shift-boundary, off-by-one:id): pruning only bounds memory: an id at or below lastSnapshotted is rejected by count's first test whether or not it stays in the set (and the checkpoint snapshotted is never in it: count turns aborted ids away)
    return [
      { kind: 'snapshot', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step: no record is processed between these effects, and the ack leaves only after the upload
      { kind: 'forwardBarrier', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step: no record is processed between these effects, and the ack leaves only after the upload
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
