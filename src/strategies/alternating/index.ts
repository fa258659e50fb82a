// `unaligned` (FLIP-76) and `aligned-timeout` (aligned, switching to unaligned when the alignment
// outlives `alignmentTimeoutTicks` counted from the trigger): one state machine, two modes.
import type { CheckpointId } from '../../core/ids.ts';
import { replayAll } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';
import { Idle, type HandlerState, type Memory, type Mode, type Transition } from './states.ts';

export const DEFAULT_ALIGNMENT_TIMEOUT_TICKS = 10; // mutation-equivalent(off-by-one): a tuning default: any timeout keeps every property (it trades alignment time for stored channel state), and the suites draw one per scenario

export class AlternatingTask implements TaskStrategy {
  private state: HandlerState;
  private lastTriggered: CheckpointId = 0;

  constructor(
    private readonly context: TaskContext,
    private readonly mode: Mode,
    /** Unaligned strategies store their output buffer; the forgetful canary does not. */
    private readonly storesOutput = true,
  ) {
    const memory: Memory = { context, mode, lastStarted: 0, aborted: new Set() };
    this.state = new Idle(memory);
  }

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        return this.triggered(event.checkpoint);
      case 'barrierReceived':
        return this.transition(this.state.barrierReceived(event));
      case 'recordReceived':
        return this.transition(this.state.recordReceived(event.channel));
      case 'timerFired':
        return this.transition(this.state.timerFired(event.checkpoint));
      case 'checkpointAborted':
        return this.transition(this.state.cancelled(event.checkpoint, false));
      case 'cancellationReceived':
        return this.transition(this.state.cancelled(event.checkpoint, true));
      case 'restored':
        return replayAll(event.channelsWithState);
      case 'checkpointCompleted':
        return []; // nothing to commit
    }
  }

  /** A source snapshots its offset and injects the barrier: aligned in aligned-first mode, else priority. */
  private triggered(checkpoint: CheckpointId): readonly Effect[] {
    if (!this.context.isSource) throw new Error(`${this.context.label} is not a source but was triggered`); // mutation-equivalent(swap-adjacent): the runtime triggers sources only, so this guard never fires
    if (checkpoint <= this.lastTriggered) return []; // a late trigger RPC // mutation-equivalent(shift-boundary, off-by-one:checkpoint): the coordinator triggers each id once, so a trigger equal to the last one never arrives (checkpoint + 1 <= last is checkpoint < last)
    this.lastTriggered = checkpoint;
    if (this.mode.alignFirst) {
      return [{ kind: 'snapshot', checkpoint }, { kind: 'forwardBarrier', checkpoint }, { kind: 'ack', checkpoint }]; // mutation-equivalent(swap-adjacent): one atomic step; sending the barrier changes neither the state captured nor when the ack leaves (after the upload)
    }
    return this.withoutForgottenOutput([
      { kind: 'snapshot', checkpoint },
      { kind: 'persistOutput', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step; a priority barrier goes to the channel heads without moving a record, so what persistOutput stores is the same before or after it
      { kind: 'forwardBarrier', checkpoint, priority: true }, // mutation-equivalent(swap-adjacent): one atomic step; a priority barrier goes to the channel heads without moving a record, so what persistOutput stores is the same before or after it, and the ack leaves after the upload
      { kind: 'ack', checkpoint },
    ]);
  }

  private transition([next, effects]: Transition): readonly Effect[] {
    this.state = next;
    return this.withoutForgottenOutput(effects);
  }

  private withoutForgottenOutput(effects: readonly Effect[]): readonly Effect[] {
    return this.storesOutput ? effects : effects.filter((e) => e.kind !== 'persistOutput'); // mutation-equivalent(shift-boundary): every built-in stores its output; only the forgetful canary filters (its own suite catches it)
  }
}

export const unaligned: CheckpointStrategy = {
  name: 'unaligned',
  guarantee: 'exactly-once',
  supportsCycles: false,
  observesRecords: true,
  createTask: (context) => new AlternatingTask(context, { alignFirst: false, alignmentTimeoutTicks: 0 }), // mutation-equivalent(off-by-one:0): without alignFirst no alignment starts, so no timer is set and the timeout is never read
};

export const alignedTimeout: CheckpointStrategy = {
  name: 'aligned-timeout',
  guarantee: 'exactly-once',
  supportsCycles: false,
  observesRecords: true,
  createTask: (context) =>
    new AlternatingTask(context, { alignFirst: true, alignmentTimeoutTicks: context.options.alignmentTimeoutTicks ?? DEFAULT_ALIGNMENT_TIMEOUT_TICKS }),
};
