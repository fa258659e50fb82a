// The CheckpointStrategy interface: a per-task state machine that receives events and returns
// effects as data. It sees the runtime only through TaskContext; the runtime applies the effects.
//
// Runtime conventions a strategy relies on:
//  - Dequeuing a barrier from an input channel pauses that channel (as Flink's subpartition stops after
//    sending an aligned barrier). The strategy resumes it with `unblock`; a strategy that never does
//    deadlocks the channel, and the liveness checker reports it.
//  - All effects returned for one event are applied atomically, in order: no record is processed
//    in between (the checkpoint step of a Flink task is atomic in the same way).
//  - `ack` is sent once every snapshot upload of that checkpoint by this task has finished.
import type { ChannelIndex, CheckpointId, TaskIndex } from '../core/ids.ts';

export type Guarantee = 'exactly-once' | 'at-least-once' | 'none';

export interface TaskContext {
  readonly task: TaskIndex;
  /** `node.subtask`, for diagnostics. */
  readonly label: string;
  readonly isSource: boolean;
  /** Input channels in a fixed order. Empty for sources. */
  readonly inputs: readonly ChannelIndex[];
}

export type StrategyEvent =
  /** Sources only: the coordinator asked this source to start checkpoint `checkpoint`. */
  | { readonly kind: 'checkpointTriggered'; readonly checkpoint: CheckpointId }
  /** A barrier was dequeued from `channel`; the channel is now paused. */
  | { readonly kind: 'barrierReceived'; readonly channel: ChannelIndex; readonly checkpoint: CheckpointId }
  /** The coordinator aborted `checkpoint` (a best-effort notification). */
  | { readonly kind: 'checkpointAborted'; readonly checkpoint: CheckpointId }
  /** The coordinator completed `checkpoint` (a best-effort notification). */
  | { readonly kind: 'checkpointCompleted'; readonly checkpoint: CheckpointId };

export type Effect =
  | { readonly kind: 'block'; readonly channel: ChannelIndex }
  | { readonly kind: 'unblock'; readonly channel: ChannelIndex }
  /** Capture this task's state (and a source's offset) for `checkpoint`, and start its asynchronous upload. */
  | { readonly kind: 'snapshot'; readonly checkpoint: CheckpointId }
  /** Send barrier `checkpoint` on every output channel, behind the data already sent. */
  | { readonly kind: 'forwardBarrier'; readonly checkpoint: CheckpointId }
  /** This task's part of `checkpoint` is done; acknowledged once its uploads finish. */
  | { readonly kind: 'ack'; readonly checkpoint: CheckpointId }
  /** This task cannot complete `checkpoint`; the coordinator aborts it. */
  | { readonly kind: 'decline'; readonly checkpoint: CheckpointId; readonly reason: string };

export type EffectKind = Effect['kind'];
export const EFFECT_KINDS: ReadonlySet<string> = new Set<EffectKind>(['block', 'unblock', 'snapshot', 'forwardBarrier', 'ack', 'decline']);

export interface TaskStrategy {
  handle(event: StrategyEvent): readonly Effect[];
}

export interface CheckpointStrategy {
  readonly name: string;
  /** What the strategy promises; the suites hold it to exactly this. */
  readonly guarantee: Guarantee;
  readonly supportsCycles: boolean;
  /** A fresh state machine for one task; called at start and again at every restore. */
  createTask(context: TaskContext): TaskStrategy;
}

export const NO_EFFECTS: readonly Effect[] = Object.freeze([]);
