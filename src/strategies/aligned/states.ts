// Aligned barrier snapshots (ABS on acyclic graphs; Flink's exactly-once default), one class per
// situation, after Flink's WaitingForFirstBarrier / CollectingBarriers. A task aligns one checkpoint
// at a time: a newer barrier aborts the older alignment locally (declined as subsumed, and a
// cancellation marker tells downstream tasks, which may be aligning it too).
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { checkpointAndResume, unblockAll } from '../shared-steps.ts';
import type { Effect, TaskContext } from '../strategy.ts';

export interface AlignmentState {
  barrierReceived(channel: ChannelIndex, checkpoint: CheckpointId): [AlignmentState, readonly Effect[]];
  /** The coordinator aborted `checkpoint` (notification), or an upstream task cancelled it (marker). */
  cancelled(checkpoint: CheckpointId, byMarker: boolean): [AlignmentState, readonly Effect[]];
}

/**
 * Shared by the states: the highest checkpoint id this task has started aligning, and the newer ids
 * already aborted. A barrier of an aborted checkpoint must not start an alignment: a sibling task
 * that cancelled it will never send its barrier, and the alignment would wait forever (Flink keeps
 * the same `abortedCheckpointIds` for this reason).
 */
export interface AlignmentMemory {
  readonly context: TaskContext;
  lastStarted: CheckpointId;
  readonly aborted: Set<CheckpointId>;
}

function isObsolete(memory: AlignmentMemory, checkpoint: CheckpointId): boolean {
  return checkpoint <= memory.lastStarted || memory.aborted.has(checkpoint);
}

/** Remember an abort of a checkpoint not yet started here; a marker is passed on once. */
function rememberAborted(memory: AlignmentMemory, checkpoint: CheckpointId, byMarker: boolean): Effect[] {
  if (checkpoint <= memory.lastStarted || memory.aborted.has(checkpoint)) return [];
  memory.aborted.add(checkpoint);
  return byMarker ? [{ kind: 'forwardCancellation', checkpoint }] : [];
}

/** Not aligning. A barrier newer than any seen starts an alignment; an older one is obsolete. */
export class WaitingForFirstBarrier implements AlignmentState {
  constructor(private readonly memory: AlignmentMemory) {}

  barrierReceived(channel: ChannelIndex, checkpoint: CheckpointId): [AlignmentState, readonly Effect[]] {
    if (isObsolete(this.memory, checkpoint)) return [this, [{ kind: 'unblock', channel }]]; // resume, or deadlock
    return startAlignment(this.memory, channel, checkpoint);
  }

  cancelled(checkpoint: CheckpointId, byMarker: boolean): [AlignmentState, readonly Effect[]] {
    return [this, rememberAborted(this.memory, checkpoint, byMarker)]; // nothing in progress to cancel
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
    if (checkpoint < this.checkpoint) return [this, [{ kind: 'unblock', channel }]]; // obsolete: resume it // mutation-equivalent(swap-adjacent): the two tests exclude each other (older, newer) and answer alike
    if (checkpoint > this.checkpoint && this.memory.aborted.has(checkpoint)) return [this, [{ kind: 'unblock', channel }]]; // mutation-equivalent(off-by-one:checkpoint, shift-boundary): they add checkpoint === this.checkpoint, never in aborted: rememberAborted adds only ids above lastStarted (this.checkpoint here), and startAlignment pruned the rest
    if (checkpoint > this.checkpoint) {
      // A newer checkpoint subsumes the one being aligned: abort it locally, then align the new one.
      const abort: Effect[] = [
        { kind: 'decline', checkpoint: this.checkpoint, reason: 'subsumed' }, // mutation-equivalent(swap-adjacent): one atomic step: a decline, a marker and resumed inputs are independent (no record is taken before the step ends)
        { kind: 'forwardCancellation', checkpoint: this.checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step: a decline, a marker and resumed inputs are independent (no record is taken before the step ends)
        ...unblockAll(this.aligned),
      ];
      const [next, started] = startAlignment(this.memory, channel, checkpoint);
      return [next, [...abort, ...started]]; // mutation-equivalent(swap-adjacent, remove-effect:...started): one atomic step: giving the old checkpoint up and starting the new one touch different checkpoints and inputs; and a task that collects has two inputs or more, so starting the newer alignment emits nothing yet
    }
    const aligned = new Set(this.aligned).add(channel);
    if (aligned.size < this.memory.context.inputs.length) return [new CollectingBarriers(this.memory, checkpoint, aligned), []];
    return [new WaitingForFirstBarrier(this.memory), checkpointAndResume(checkpoint, [...aligned])];
  }

  cancelled(checkpoint: CheckpointId, byMarker: boolean): [AlignmentState, readonly Effect[]] {
    if (checkpoint !== this.checkpoint) return [this, rememberAborted(this.memory, checkpoint, byMarker)]; // not ours to cancel
    const passOn: Effect[] = byMarker ? [{ kind: 'forwardCancellation', checkpoint }] : [];
    return [new WaitingForFirstBarrier(this.memory), [...passOn, ...unblockAll(this.aligned)]]; // mutation-equivalent(swap-adjacent): one atomic step: no record is taken from a resumed input before the marker goes
  }
}

function startAlignment(memory: AlignmentMemory, channel: ChannelIndex, checkpoint: CheckpointId): [AlignmentState, readonly Effect[]] {
  memory.lastStarted = checkpoint; // mutation-equivalent(swap-adjacent): the pruning compares with checkpoint, not lastStarted, so their order does not matter
  for (const id of memory.aborted) if (id <= checkpoint) memory.aborted.delete(id); // obsolete by id now // mutation-equivalent(remove-call, swap-adjacent, shift-boundary, off-by-one:id): pruning only bounds memory: an id at or below lastStarted is rejected by isObsolete's first test whether or not it stays in the set (and checkpoint itself is never in it: an aborted id starts nothing)
  if (memory.context.inputs.length === 1) {
    return [new WaitingForFirstBarrier(memory), checkpointAndResume(checkpoint, [channel])];
  }
  return [new CollectingBarriers(memory, checkpoint, new Set([channel])), []];
}
