// The CheckpointStrategy interface: a per-task state machine that receives events and returns
// effects as data. It sees the runtime only through TaskContext; the runtime applies the effects.
//
// Runtime conventions a strategy relies on:
//  - Dequeuing an aligned (non-priority) barrier from an input channel pauses that channel (as
//    Flink's subpartition stops after sending an aligned barrier). The strategy resumes it with
//    `unblock`; a strategy that never does deadlocks the channel, and the liveness checker reports
//    it. Priority barriers and cancellation markers pause nothing.
//  - All effects returned for one event are applied atomically, in order: no record is processed
//    in between (the checkpoint step of a Flink task is atomic in the same way).
//  - A priority barrier is handled as soon as it is visible at the head of its channel, even while
//    the task waits for output credit; so are coordinator messages (triggers, notifications, timers).
//  - `ack` is sent once every snapshot upload of that checkpoint by this task has finished.
//  - Channel state is stored with each record's position in its channel, so its order is the
//    channel's order whoever persisted it; after a restore it enters the channel when the receiving
//    task's strategy says `replayChannelState`.
import type { ChannelIndex, CheckpointId, TaskIndex, Tick } from '../core/ids.ts';
import type { DataRecord } from '../core/messages.ts';

export type Guarantee = 'exactly-once' | 'at-least-once' | 'none';

export interface TaskContext {
  readonly task: TaskIndex;
  /** `node.subtask`, for diagnostics. */
  readonly label: string;
  readonly isSource: boolean;
  /** Input channels in a fixed order. Empty for sources. */
  readonly inputs: readonly ChannelIndex[];
  /** Inputs that close a cycle (back-edges), a subset of `inputs`. */
  readonly backEdgeInputs: readonly ChannelIndex[];
  /** Output channels in a fixed order. */
  readonly outputs: readonly ChannelIndex[];
  /** The scenario's strategy options (for instance an alignment timeout). */
  readonly options: Readonly<Record<string, number>>;
}

export type StrategyEvent =
  /** Sources only: the coordinator asked this source to start `checkpoint`, triggered at `triggeredAt`. */
  | { readonly kind: 'checkpointTriggered'; readonly checkpoint: CheckpointId; readonly triggeredAt: Tick }
  /** A barrier was dequeued from `channel`. An aligned one paused the channel; a priority one did not. */
  | {
      readonly kind: 'barrierReceived';
      readonly channel: ChannelIndex;
      readonly checkpoint: CheckpointId;
      readonly triggeredAt: Tick;
      readonly priority: boolean;
    }
  /** Only for strategies with `observesRecords`: a record was taken from `channel`, before its processing. */
  | { readonly kind: 'recordReceived'; readonly channel: ChannelIndex; readonly record: DataRecord }
  /** An upstream task declined `checkpoint` and told its downstream. */
  | { readonly kind: 'cancellationReceived'; readonly channel: ChannelIndex; readonly checkpoint: CheckpointId }
  /** A timer set with `setTimer` fired. */
  | { readonly kind: 'timerFired'; readonly checkpoint: CheckpointId }
  /** The coordinator aborted `checkpoint` (a best-effort notification). */
  | { readonly kind: 'checkpointAborted'; readonly checkpoint: CheckpointId }
  /** The coordinator completed `checkpoint` (a best-effort notification). */
  | { readonly kind: 'checkpointCompleted'; readonly checkpoint: CheckpointId }
  /** The task was restarted from `checkpoint` (null: initial state); these inputs have channel state to replay. */
  | { readonly kind: 'restored'; readonly checkpoint: CheckpointId | null; readonly channelsWithState: readonly ChannelIndex[] };

export type Effect =
  | { readonly kind: 'block'; readonly channel: ChannelIndex }
  | { readonly kind: 'unblock'; readonly channel: ChannelIndex }
  /** Capture this task's state (and a source's offset) for `checkpoint`, and start its asynchronous upload. */
  | { readonly kind: 'snapshot'; readonly checkpoint: CheckpointId }
  /**
   * Send barrier `checkpoint` on every output channel: behind the data already sent, or (priority)
   * ahead of it, overtaking everything queued.
   */
  | { readonly kind: 'forwardBarrier'; readonly checkpoint: CheckpointId; readonly priority?: boolean }
  /** Store as channel state of `checkpoint` every record this task has sent that its receivers have not seen yet. */
  | { readonly kind: 'persistOutput'; readonly checkpoint: CheckpointId }
  /** Store as channel state the records the priority barrier just received on `channel` overtook at this task's input. */
  | { readonly kind: 'persistOvertaken'; readonly checkpoint: CheckpointId; readonly channel: ChannelIndex }
  /** Store the record just received (the current `recordReceived`) as channel state of `checkpoint`. */
  | { readonly kind: 'persistReceived'; readonly checkpoint: CheckpointId }
  /** After a restore: put the restored channel state of `channel` into it now, in its original order. */
  | { readonly kind: 'replayChannelState'; readonly channel: ChannelIndex }
  /** Send a cancellation marker for `checkpoint` on every output channel (FIFO). */
  | { readonly kind: 'forwardCancellation'; readonly checkpoint: CheckpointId }
  /** Deliver `timerFired` for `checkpoint` at tick `at` (unless the task restarts first). */
  | { readonly kind: 'setTimer'; readonly checkpoint: CheckpointId; readonly at: Tick }
  /** Sources only: stop or resume reading the log. */
  | { readonly kind: 'pauseSource' }
  | { readonly kind: 'resumeSource' }
  /** This task's part of `checkpoint` is done; acknowledged once its uploads finish. */
  | { readonly kind: 'ack'; readonly checkpoint: CheckpointId }
  /** This task cannot complete `checkpoint`; the coordinator aborts it. */
  | { readonly kind: 'decline'; readonly checkpoint: CheckpointId; readonly reason: string };

export type EffectKind = Effect['kind'];
export const EFFECT_KINDS: ReadonlySet<string> = new Set<EffectKind>([
  'block',
  'unblock',
  'snapshot',
  'forwardBarrier',
  'persistOutput',
  'persistOvertaken',
  'persistReceived',
  'replayChannelState',
  'forwardCancellation',
  'setTimer',
  'pauseSource',
  'resumeSource',
  'ack',
  'decline',
]);

export interface TaskStrategy {
  handle(event: StrategyEvent): readonly Effect[];
}

export interface CheckpointStrategy {
  readonly name: string;
  /** What the strategy promises; the suites hold it to exactly this. */
  readonly guarantee: Guarantee;
  readonly supportsCycles: boolean;
  /** Ask for a `recordReceived` event before every record (costs speed; unaligned-style recording needs it). */
  readonly observesRecords?: boolean;
  /** A fresh state machine for one task; called at start and again at every restore. */
  createTask(context: TaskContext): TaskStrategy;
}

export const NO_EFFECTS: readonly Effect[] = Object.freeze([]);
