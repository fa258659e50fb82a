// A user-written checkpoint strategy, verified by snapcheck:
//
//   npx snapcheck run --strategy ./examples/tracking-aligned.ts
//
// Aligned barrier snapshots written from scratch against the public API, the way a user would:
// one object per task that reacts to events with effects. It pauses each input at its barrier
// (the runtime already paused it when the barrier was dequeued) and checkpoints once the barrier
// has arrived on every input. See docs/writing-a-strategy.md for the walk-through.
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from 'snapcheck';

class TrackingAlignedTask implements TaskStrategy {
  /** The checkpoint being aligned, or 0, and the inputs its barrier arrived on. */
  private aligning = 0;
  private arrived = new Set<number>();
  /** Highest checkpoint started here: barriers of older ones are obsolete. */
  private newest = 0;
  /** Checkpoints the coordinator aborted before their first barrier reached this task. */
  private readonly aborted = new Set<number>();

  constructor(private readonly context: TaskContext) {}

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered': // sources only: snapshot the offset and inject the barrier
        if (event.checkpoint <= this.newest) return [];
        this.newest = event.checkpoint;
        return this.checkpoint(event.checkpoint);
      case 'barrierReceived':
        return this.barrier(event.channel, event.checkpoint);
      case 'checkpointAborted':
        return this.abort(event.checkpoint, false);
      case 'cancellationReceived':
        return this.abort(event.checkpoint, true);
      case 'restored':
        // Aligned snapshots store no channel state, but replaying whatever there is costs nothing.
        return event.channelsWithState.map((channel): Effect => ({ kind: 'replayChannelState', channel }));
      case 'checkpointCompleted':
      case 'recordReceived':
      case 'timerFired':
        return [];
    }
  }

  private barrier(channel: number, checkpoint: number): Effect[] {
    // An obsolete barrier must still resume its channel, or the channel stays paused for good.
    if (checkpoint < this.aligning || (this.aligning === 0 && checkpoint <= this.newest) || this.aborted.has(checkpoint)) {
      return [{ kind: 'unblock', channel }];
    }
    const effects: Effect[] = [];
    if (checkpoint > this.aligning && this.aligning !== 0) {
      // A newer barrier: give up the older checkpoint here, and let downstream tasks know.
      effects.push({ kind: 'decline', checkpoint: this.aligning, reason: 'subsumed' }, { kind: 'forwardCancellation', checkpoint: this.aligning });
      effects.push(...this.resumeAligned());
    }
    this.aligning = checkpoint;
    this.newest = checkpoint;
    this.arrived.add(channel);
    if (this.arrived.size < this.context.inputs.length) return effects; // keep the channel paused
    effects.push(...this.checkpoint(checkpoint), ...this.resumeAligned());
    return effects;
  }

  private abort(checkpoint: number, byMarker: boolean): Effect[] {
    // A marker is passed on once, for a checkpoint still open here: downstream tasks may be
    // aligning it too (a coordinator notification reaches them all by itself).
    const open = checkpoint > this.newest || checkpoint === this.aligning;
    const passOn: Effect[] = byMarker && open && !this.aborted.has(checkpoint) ? [{ kind: 'forwardCancellation', checkpoint }] : [];
    // The trap: a barrier of an aborted checkpoint that starts an alignment here waits forever
    // for siblings that gave it up. Remember the abort instead.
    if (checkpoint > this.newest) this.aborted.add(checkpoint);
    if (checkpoint !== this.aligning) return passOn;
    return [...passOn, ...this.resumeAligned()];
  }

  /** The atomic checkpoint step: no record is processed between these effects. */
  private checkpoint(checkpoint: number): Effect[] {
    return [
      { kind: 'snapshot', checkpoint },
      { kind: 'forwardBarrier', checkpoint },
      { kind: 'ack', checkpoint },
    ];
  }

  private resumeAligned(): Effect[] {
    const effects = [...this.arrived].map((channel): Effect => ({ kind: 'unblock', channel }));
    this.aligning = 0;
    this.arrived = new Set();
    return effects;
  }
}

const trackingAligned: CheckpointStrategy = {
  name: 'tracking-aligned',
  guarantee: 'exactly-once',
  supportsCycles: false,
  createTask: (context) => new TrackingAlignedTask(context),
};

export default trackingAligned;
