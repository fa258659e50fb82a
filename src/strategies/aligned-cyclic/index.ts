// `aligned-cyclic`, the ABS paper's variant for cyclic graphs (upstream backup): align only the
// regular inputs; after snapshotting and forwarding, log every record that arrives on a back-edge
// until barrier n comes back around on it. Snapshot = state + back-edge log (its channel state).
// A task on no cycle behaves exactly as `aligned`.
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { WaitingForFirstBarrier, type AlignmentMemory, type AlignmentState } from '../aligned/states.ts';
import { persistWhereRecording, replayAll, SourceBarrierInjector } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

export class AlignedCyclicTask implements TaskStrategy {
  private readonly source = new SourceBarrierInjector();
  private readonly backEdges: ReadonlySet<ChannelIndex>;
  private alignment: AlignmentState;
  /** Per checkpoint snapshotted here: the back-edges its barrier has not come back on yet. */
  private readonly logging = new Map<CheckpointId, Set<ChannelIndex>>();

  constructor(private readonly context: TaskContext) {
    this.backEdges = new Set(context.backEdgeInputs);
    // The alignment sees only the regular inputs: back-edges are never blocked, or the cycle would deadlock.
    const regular: TaskContext = { ...context, inputs: context.inputs.filter((c) => !this.backEdges.has(c)) };
    const memory: AlignmentMemory = { context: regular, lastStarted: 0, aborted: new Set() };
    this.alignment = new WaitingForFirstBarrier(memory);
  }

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        return this.source.triggered(event.checkpoint);
      case 'barrierReceived':
        if (this.backEdges.has(event.channel)) return this.barrierReturned(event.channel, event.checkpoint);
        return this.transition(this.alignment.barrierReceived(event.channel, event.checkpoint));
      case 'recordReceived':
        return persistWhereRecording(this.logging, event.channel);
      case 'checkpointAborted':
      case 'cancellationReceived': {
        this.logging.delete(event.checkpoint);
        return this.transition(this.alignment.cancelled(event.checkpoint, event.kind === 'cancellationReceived'));
      }
      case 'restored':
        return replayAll(event.channelsWithState);
      case 'checkpointCompleted':
        return []; // nothing to commit
      case 'timerFired':
        throw new Error(`aligned-cyclic sets no timers but one fired at ${this.context.label}`);
    }
  }

  /** A barrier came back around a cycle: that back-edge's log for it is complete. */
  private barrierReturned(channel: ChannelIndex, checkpoint: CheckpointId): Effect[] {
    const effects: Effect[] = [{ kind: 'unblock', channel }];
    const waiting = this.logging.get(checkpoint);
    if (waiting === undefined || !waiting.delete(channel)) return effects; // obsolete, or aborted meanwhile // mutation-equivalent(early-unblock): the effects already resume this channel, or it was never paused (a record or a priority barrier came through it): a second resume changes nothing
    if (waiting.size > 0) return effects; // mutation-equivalent(early-unblock): the effects already resume this channel, or it was never paused (a record or a priority barrier came through it): a second resume changes nothing
    this.logging.delete(checkpoint); // mutation-equivalent(remove-call, swap-adjacent): an emptied logging set logs nothing, and a later barrier of the same checkpoint finds nothing to remove in it: dropping the entry only frees memory
    return [...effects, { kind: 'ack', checkpoint }]; // mutation-equivalent(swap-adjacent): one atomic step: no record is processed between these effects, and the ack leaves only after the upload
  }

  /** After a snapshot, start logging the back-edges; the ack waits until the barrier returns on all of them. */
  private transition([next, effects]: [AlignmentState, readonly Effect[]]): readonly Effect[] {
    this.alignment = next;
    if (this.backEdges.size === 0) return effects;
    const snapshot = effects.find((e) => e.kind === 'snapshot');
    if (snapshot === undefined) return effects;
    this.logging.set(snapshot.checkpoint, new Set(this.backEdges));
    return effects.filter((e) => e.kind !== 'ack');
  }
}

export const alignedCyclic: CheckpointStrategy = {
  name: 'aligned-cyclic',
  guarantee: 'exactly-once',
  supportsCycles: true,
  observesRecords: true,
  createTask: (context) => new AlignedCyclicTask(context),
};
