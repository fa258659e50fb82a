// `chandy-lamport` (1985): markers travel FIFO and never overtake. On the first marker of a
// snapshot a task records its state and sends markers on every output, then records every record
// arriving on each other input until that input's marker comes; that is the channel's state. No
// input is ever held back, several snapshots may run at once, and it works on cycles.
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { persistWhereRecording, replayAll, SourceBarrierInjector } from '../shared-steps.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

export class ChandyLamportTask implements TaskStrategy {
  private readonly source = new SourceBarrierInjector();
  /** Per snapshot in progress here: the inputs still being recorded (their marker has not come). */
  private readonly recording = new Map<CheckpointId, Set<ChannelIndex>>();
  /** Highest snapshot started here; markers of older or aborted ones are obsolete. */
  private lastStarted: CheckpointId = 0;
  private readonly aborted = new Set<CheckpointId>();

  constructor(private readonly context: TaskContext) {}

  handle(event: StrategyEvent): readonly Effect[] {
    switch (event.kind) {
      case 'checkpointTriggered':
        return this.source.triggered(event.checkpoint);
      case 'barrierReceived':
        return [{ kind: 'unblock', channel: event.channel }, ...this.markerReceived(event.channel, event.checkpoint)]; // mutation-equivalent(swap-adjacent): one atomic step: no record is processed between these effects, and the ack leaves only after the upload
      case 'recordReceived':
        return persistWhereRecording(this.recording, event.channel);
      case 'checkpointAborted':
      case 'cancellationReceived':
        this.recording.delete(event.checkpoint); // mutation-equivalent(swap-adjacent): independent: one forgets the recording, the other remembers a newer id
        if (event.checkpoint > this.lastStarted) this.aborted.add(event.checkpoint); // mutation-equivalent(shift-boundary, off-by-one:event.checkpoint): the snapshot last started is still recording (handled before the aborted test) or over (rejected as older)
        return [];
      case 'restored':
        return replayAll(event.channelsWithState);
      case 'checkpointCompleted':
        return []; // nothing to commit
      case 'timerFired':
        throw new Error(`chandy-lamport sets no timers but one fired at ${this.context.label}`);
    }
  }

  private markerReceived(channel: ChannelIndex, checkpoint: CheckpointId): Effect[] {
    const recording = this.recording.get(checkpoint);
    if (recording !== undefined) return recording.delete(channel) ? this.finishIfDone(checkpoint, recording) : []; // mutation-equivalent(early-unblock): the effects already resume this channel, or it was never paused (a record or a priority barrier came through it): a second resume changes nothing
    if (checkpoint <= this.lastStarted || this.aborted.has(checkpoint)) return []; // obsolete
    this.lastStarted = checkpoint;
    const others = new Set(this.context.inputs.filter((c) => c !== channel));
    this.recording.set(checkpoint, others);
    return [{ kind: 'snapshot', checkpoint }, { kind: 'forwardBarrier', checkpoint }, ...this.finishIfDone(checkpoint, others)]; // mutation-equivalent(swap-adjacent): one atomic step: no record is processed between these effects, and the ack leaves only after the upload
  }

  /** Every input's marker has come: the channel states are complete, and the snapshot can be acknowledged. */
  private finishIfDone(checkpoint: CheckpointId, recording: ReadonlySet<ChannelIndex>): Effect[] {
    if (recording.size > 0) return [];
    this.recording.delete(checkpoint); // mutation-equivalent(remove-call, swap-adjacent): an emptied recording set records nothing, and a later marker of the same checkpoint finds nothing to remove in it: dropping the entry only frees memory
    return [{ kind: 'ack', checkpoint }];
  }
}

export const chandyLamport: CheckpointStrategy = {
  name: 'chandy-lamport',
  guarantee: 'exactly-once',
  supportsCycles: true,
  observesRecords: true,
  createTask: (context) => new ChandyLamportTask(context),
};
