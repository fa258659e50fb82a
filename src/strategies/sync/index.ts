// `sync`, the stop-the-world baseline of the ABS paper's evaluation: on a trigger every source stops
// reading, so the barrier drains the channels behind it; tasks align as `aligned` does (with no new
// data coming, alignment only waits for the drain), snapshot, and the sources resume once the
// coordinator reports the checkpoint's outcome. Costs throughput by design.
import type { CheckpointId } from '../../core/ids.ts';
import { AlignedTask } from '../aligned/index.ts';
import { NO_EFFECTS, type CheckpointStrategy, type Effect, type StrategyEvent, type TaskContext, type TaskStrategy } from '../strategy.ts';

/** A source paused for the newest checkpoint it started, until that one completes or aborts. */
export class PausingSourceTask implements TaskStrategy {
  private pausedFor: CheckpointId = 0; // mutation-equivalent(off-by-one): it matters only while the source is paused, and the trigger that paused it set it (resuming a source that is not paused changes nothing)
  private lastTriggered: CheckpointId = 0;

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered': {
        if (event.checkpoint <= this.lastTriggered) return []; // a late trigger RPC // mutation-equivalent(shift-boundary, off-by-one:event.checkpoint): the coordinator triggers each id once, so a trigger equal to the last one never arrives (checkpoint + 1 <= last is checkpoint < last)
        this.lastTriggered = this.pausedFor = event.checkpoint;
        const checkpoint = event.checkpoint;
        return [{ kind: 'pauseSource' }, { kind: 'snapshot', checkpoint }, { kind: 'forwardBarrier', checkpoint }, { kind: 'ack', checkpoint }]; // mutation-equivalent(swap-adjacent): one atomic step: the source reads nothing between pausing, snapshotting and injecting, and the ack leaves only after the upload
      }
      case 'checkpointCompleted':
        return event.checkpoint >= this.pausedFor ? this.resume() : [];
      case 'checkpointAborted':
        return event.checkpoint === this.pausedFor ? this.resume() : [];
      case 'restored':
        return NO_EFFECTS; // a source has no inputs, so no channel state
      case 'barrierReceived':
      case 'recordReceived':
      case 'cancellationReceived':
      case 'timerFired':
        throw new Error(`a source has no inputs and sets no timers, but got ${event.kind}`);
    }
  }

  /** Resuming a source that is not paused changes nothing: pausedFor may keep an outcome already heard. */
  private resume(): Effect[] {
    return [{ kind: 'resumeSource' }];
  }
}

export const sync: CheckpointStrategy = {
  name: 'sync',
  guarantee: 'exactly-once',
  supportsCycles: false,
  createTask: (context: TaskContext) => (context.isSource ? new PausingSourceTask() : new AlignedTask(context)),
};
