// Aligned barrier snapshots (ABS on acyclic graphs; Flink's exactly-once default), one class per
// situation, after Flink's WaitingForFirstBarrier / CollectingBarriers. A task aligns one checkpoint
// at a time: a newer barrier aborts the older alignment locally (declined as subsumed).
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { checkpointAndResume, unblockAll } from '../source-trigger.ts';
import type { Effect, TaskContext } from '../strategy.ts';

export interface AlignmentState {
  barrierReceived(channel: ChannelIndex, checkpoint: CheckpointId): [AlignmentState, readonly Effect[]];
  checkpointAborted(checkpoint: CheckpointId): [AlignmentState, readonly Effect[]];
}

/** Shared by the states: the highest checkpoint id this task has started aligning. */
export interface AlignmentMemory {
  readonly context: TaskContext;
  lastStarted: CheckpointId;
}

/** Not aligning. A barrier newer than any seen starts an alignment; an older one is obsolete. */
export class WaitingForFirstBarrier implements AlignmentState {
  constructor(private readonly memory: AlignmentMemory) {}

  barrierReceived(channel: ChannelIndex, checkpoint: CheckpointId): [AlignmentState, readonly Effect[]] {
    if (checkpoint <= this.memory.lastStarted) return [this, [{ kind: 'unblock', channel }]]; // obsolete: resume, or deadlock
    return startAlignment(this.memory, channel, checkpoint, []);
  }

  checkpointAborted(): [AlignmentState, readonly Effect[]] {
    return [this, []]; // nothing in progress to cancel
  }
}

/** Barrier `checkpoint` arrived on `aligned` (all paused); waiting for it on the other inputs. */
export class CollectingBarriers implements AlignmentState {
  constructor(
    private readonly memory: AlignmentMemory,
    private readonly checkpoint: CheckpointId,
    private readonly aligned: ReadonlySet<ChannelIndex>,
  ) {}

  barrierReceived(channel: ChannelIndex, checkpoint: CheckpointId): [AlignmentState, readonly Effect[]] {
    if (checkpoint < this.checkpoint) return [this, [{ kind: 'unblock', channel }]]; // obsolete: resume it
    if (checkpoint > this.checkpoint) {
      // A newer checkpoint subsumes the one being aligned: abort it locally, then align the new one.
      const abort: Effect[] = [{ kind: 'decline', checkpoint: this.checkpoint, reason: 'subsumed' }, ...unblockAll(this.aligned)];
      return startAlignment(this.memory, channel, checkpoint, abort);
    }
    const aligned = new Set(this.aligned).add(channel);
    if (aligned.size < this.memory.context.inputs.length) return [new CollectingBarriers(this.memory, checkpoint, aligned), []];
    return [new WaitingForFirstBarrier(this.memory), checkpointAndResume(checkpoint, [...aligned])];
  }

  checkpointAborted(checkpoint: CheckpointId): [AlignmentState, readonly Effect[]] {
    if (checkpoint !== this.checkpoint) return [this, []]; // about another checkpoint: not ours to cancel
    return [new WaitingForFirstBarrier(this.memory), unblockAll(this.aligned)];
  }
}

function startAlignment(
  memory: AlignmentMemory,
  channel: ChannelIndex,
  checkpoint: CheckpointId,
  before: Effect[],
): [AlignmentState, readonly Effect[]] {
  memory.lastStarted = checkpoint;
  if (memory.context.inputs.length === 1) {
    return [new WaitingForFirstBarrier(memory), [...before, ...checkpointAndResume(checkpoint, [channel])]];
  }
  return [new CollectingBarriers(memory, checkpoint, new Set([channel])), before];
}
